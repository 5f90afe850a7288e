import { describe, expect, it } from 'vitest';
import { dataCoverage } from '../../../src/engine/customers/dataCoverage.ts';

/** Minutes since 1970 of "YYYY-MM-DD HH:MM". */
const at = (text: string) => Date.parse(`${text.replace(' ', 'T')}:00Z`) / 60_000;
const dayOf = (date: string) => Date.parse(`${date}T00:00:00Z`) / 86_400_000;

describe('dataCoverage', () => {
  it('names a first day that starts late and a last day that stops early against the usual trading hours', () => {
    // Monday to Friday 4–8 March 2024; the middle days trade 9:00 to 17:00. Monday opens at 13:00
    // (past 9:00 + 60 minutes), Friday closes at 12:00 (before 17:00 − 60 minutes).
    const minutes = [at('2024-03-04 13:00'), at('2024-03-04 16:00'), at('2024-03-08 09:00'), at('2024-03-08 12:00')];
    for (const date of ['2024-03-05', '2024-03-06', '2024-03-07']) minutes.push(at(`${date} 09:00`), at(`${date} 17:00`));
    expect(dataCoverage(minutes)).toEqual({
      firstDay: dayOf('2024-03-04'), lastDay: dayOf('2024-03-08'), firstDayPartial: true, lastDayPartial: true,
      firstMonthPartial: true, lastMonthPartial: true,
      note: 'Partial: the first day (2024-03-04) starts late in the day; the last day (2024-03-08) stops early in the day; '
        + 'the first month (2024-03) starts on the 4th; the last month (2024-03) stops on the 8th.',
    });
  });

  it('takes edge days within an hour of the usual hours as whole', () => {
    const minutes = [at('2024-03-04 09:45'), at('2024-03-08 16:15')];
    for (const date of ['2024-03-05', '2024-03-06', '2024-03-07']) minutes.push(at(`${date} 09:00`), at(`${date} 17:00`));
    expect(dataCoverage(minutes)).toMatchObject({ firstDayPartial: false, lastDayPartial: false });
  });

  it('counts edge days as whole when the data have dates without times, and a whole month as whole', () => {
    const minutes = Array.from({ length: 31 }, (_, d) => (dayOf('2024-01-01') + d) * 1440);
    expect(dataCoverage(minutes)).toMatchObject({ firstDayPartial: false, lastDayPartial: false, firstMonthPartial: false, lastMonthPartial: false, note: '' });
  });

  it('names the edge months by the day they start or stop on', () => {
    const minutes = [dayOf('2024-02-21') * 1440, dayOf('2024-03-02') * 1440];
    expect(dataCoverage(minutes).note).toBe('Partial: the first month (2024-02) starts on the 21st; the last month (2024-03) stops on the 2nd.');
    expect(dataCoverage([dayOf('2024-02-11') * 1440, dayOf('2024-03-23') * 1440]).note).toBe('Partial: the first month (2024-02) starts on the 11th; the last month (2024-03) stops on the 23rd.');
  });

  it('has no edges for no times, and no partial month for a single day', () => {
    expect(dataCoverage([])).toEqual({ firstDay: NaN, lastDay: NaN, firstDayPartial: false, lastDayPartial: false, firstMonthPartial: false, lastMonthPartial: false, note: '' });
    expect(dataCoverage([NaN, at('2024-03-15 12:00')])).toMatchObject({ firstDay: dayOf('2024-03-15'), firstMonthPartial: false, lastMonthPartial: false, note: '' });
  });
});
