import { describe, expect, it } from 'vitest';
import { parseAmount } from '../../../src/engine/csv/parseAmount.ts';

describe('reading customer files', () => {
  it('reads amounts as exports write them', () => {
    expect(parseAmount('1,234.50')).toBe(1234.5);
    expect(parseAmount('£12.40')).toBe(12.4);
    expect(parseAmount('(12.00)')).toBe(-12);
    expect(parseAmount('12,5')).toBe(12.5);
    expect(parseAmount('n/a')).toBeNaN();
  });
});

describe('parseAmount', () => {
  it('reads signs, exponents, euros and spaces, and refuses what is not one number', () => {
    expect(parseAmount('-3')).toBe(-3);
    expect(parseAmount(' 12 345.5 ')).toBe(12345.5);
    expect(parseAmount('€7')).toBe(7);
    expect(parseAmount('1e3')).toBe(1000);
    expect(parseAmount('.5')).toBe(0.5);
    expect(parseAmount('')).toBeNaN();
    expect(parseAmount('1.2.3')).toBeNaN();
    expect(parseAmount('12 apples')).toBeNaN();
  });
});

describe('parseAmount with a decimal comma', () => {
  it('reads European numbers: point or space thousands, comma decimals', () => {
    expect(parseAmount('12,50', 'comma')).toBe(12.5);
    expect(parseAmount('1.234,56', 'comma')).toBe(1234.56);
    expect(parseAmount('1.234.567,8', 'comma')).toBe(1234567.8);
    expect(parseAmount('1 234,56 €', 'comma')).toBe(1234.56);
    expect(parseAmount('1\u00a0234,56', 'comma')).toBe(1234.56);
    expect(parseAmount('-3,5', 'comma')).toBe(-3.5);
    expect(parseAmount('(12,00)', 'comma')).toBe(-12);
    expect(parseAmount(',5', 'comma')).toBe(0.5);
    expect(parseAmount('1.234', 'comma')).toBe(1234);
  });

  it('reads a number only one way the same in either mode, and refuses the other mark', () => {
    // "12.50" cannot be thousands (two digits after the point): 12.5 with a decimal comma too.
    expect(parseAmount('12.50', 'comma')).toBe(12.5);
    expect(parseAmount('1,234.56', 'comma')).toBeNaN();
    expect(parseAmount('1.234,56', 'point')).toBeNaN();
    expect(parseAmount('1.234', 'point')).toBe(1.234);
    expect(parseAmount('1,234', 'point')).toBe(1234);
    expect(parseAmount('1,234', 'comma')).toBe(1.234);
    expect(parseAmount('1,2,3', 'comma')).toBeNaN();
    expect(parseAmount('', 'comma')).toBeNaN();
  });
});
