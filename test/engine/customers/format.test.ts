import { describe, expect, it } from 'vitest';
import { figure, money, percent, significant } from '../../../src/engine/customers/format.ts';

describe('customer figures', () => {
  it('shows a small dropout share with significant digits, not 0.0%', () => {
    // a = 0.00301, b = 6.82: a / (a + b) = 0.00301 / 6.82301 = 0.000441154... → 0.044%.
    expect(percent(0.00301 / (0.00301 + 6.82))).toBe('0.044%');
    expect(percent(0.2463)).toBe('24.6%');
    expect(percent(0.2463, 0)).toBe('25%');
    expect(percent(0.004, 0)).toBe('0.4%');
    expect(percent(0)).toBe('0%');
    expect(percent(5.4e-16, 0)).toBe('< 0.001%');
    expect(percent(0.00002)).toBe('0.002%');
    expect(percent(1)).toBe('100.0%');
    expect(percent(NaN)).toBe('—');
  });

  it('puts thousands separators in money and figures', () => {
    expect(money(1234567.891)).toBe('1,234,567.89');
    expect(money(-0.5)).toBe('-0.50');
    expect(money(Infinity)).toBe('—');
    expect(figure(12345.67)).toBe('12,345.7');
    expect(figure(3.14159, 2)).toBe('3.14');
    // 0.004 at two decimals would read 0.00: shown with two significant digits instead.
    expect(figure(0.004, 2)).toBe('0.004');
    expect(figure(0, 2)).toBe('0.00');
  });

  it('writes rates and parameters with three significant digits', () => {
    // r / α = 0.243 / 4.414 = 0.0550521... orders a week (the CDNOW fit).
    expect(significant(0.243 / 4.414)).toBe('0.0551');
    expect(significant(0.00301)).toBe('0.00301');
    expect(significant(6.82)).toBe('6.82');
    expect(significant(15.44)).toBe('15.4');
    expect(significant(123456.7)).toBe('123,457');
    expect(significant(2.5e10)).toBe('2.50e+10');
    expect(significant(3e-8)).toBe('3.00e-8');
  });
});
