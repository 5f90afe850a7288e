import { describe, expect, it } from 'vitest';
import { delayText, money, percent, times, WHOLE } from '../../../../src/engine/customers/anomalies/wording.ts';

describe('the anomaly sentences\' numbers', () => {
  it('write money with two decimals and thousands separators', () => {
    expect(money(1234.5)).toBe('1,234.50');
    expect(money(-22)).toBe('-22.00');
    expect(WHOLE.format(12345)).toBe('12,345');
  });

  it('write ratios as times above 1 and as a fraction below', () => {
    expect(times(3)).toBe('3.0×');
    expect(times(12.4)).toBe('12×');
    expect(times(0.25)).toBe('1/4.0 of');
    expect(times(0.05)).toBe('1/20 of');
  });

  it('write probabilities without ever showing 0%', () => {
    expect(percent(0.12)).toBe('12%');
    expect(percent(0.004)).toBe('0.4%');
    expect(percent(0.0004)).toBe('< 0.1%');
  });

  it('write a delay in minutes, hours or days', () => {
    expect(delayText(12)).toBe('12 minutes');
    expect(delayText(300)).toBe('5 hours');
    expect(delayText(3 * 1440)).toBe('3 days');
  });
});
