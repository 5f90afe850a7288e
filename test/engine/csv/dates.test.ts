import { describe, expect, it } from 'vitest';
import { dayNumber, dayToIso, detectDateFormat, minutesToIsoDate, minutesToIsoDateTime, parseDate } from '../../../src/engine/csv/dates.ts';

describe('dates', () => {
  it('reads ISO, YYYYMMDD, month-first and day-first dates as wall-clock minutes', () => {
    const noon = Date.UTC(2011, 11, 9, 12, 50) / 60_000;
    expect(parseDate('2011-12-09T12:50:00', 'iso')).toBe(noon);
    expect(parseDate('2011-12-09 12:50', 'iso')).toBe(noon);
    expect(parseDate('12/9/2011 12:50', 'mdy')).toBe(noon);
    expect(parseDate('9/12/2011 12:50', 'dmy')).toBe(noon);
    expect(parseDate('19970101', 'yyyymmdd')).toBe(Date.UTC(1997, 0, 1) / 60_000);
    expect(parseDate('31/4/2011', 'dmy')).toBeNaN();
    expect(parseDate('soon', 'iso')).toBeNaN();
  });

  it('decides month-first or day-first from the data, and says when it cannot', () => {
    expect(detectDateFormat(['12/1/2010 8:26', '12/13/2010 9:00'])).toEqual({ format: 'mdy', ambiguous: false });
    expect(detectDateFormat(['13/1/2010', '1/2/2010'])).toEqual({ format: 'dmy', ambiguous: false });
    expect(detectDateFormat(['1/2/2010', '3/4/2010'])).toEqual({ format: 'mdy', ambiguous: true });
    expect(detectDateFormat(['2010-01-02'])).toEqual({ format: 'iso', ambiguous: false });
  });

  it('finds no format in no dates, or in values of which fewer than half are dates', () => {
    expect(detectDateFormat([])).toEqual({ ambiguous: false });
    expect(detectDateFormat(['soon', 'later', '2010-01-02'])).toEqual({ ambiguous: false });
    // Two of three read as ISO: a broken cell does not hide the format.
    expect(detectDateFormat(['2010-01-02', 'n/a', '2010-01-03'])).toEqual({ format: 'iso', ambiguous: false });
  });
});

describe('day numbers', () => {
  it('counts whole days since 1970-01-01', () => {
    expect(dayNumber(1970, 1, 1)).toBe(0);
    // 2000-01-01: 30 years of 365 days and 7 leap days (1972, 1976, …, 1996).
    expect(dayNumber(2000, 1, 1)).toBe(30 * 365 + 7);
    // 2024-01-01: 54 years and 13 leap days (1972 to 2020).
    expect(dayNumber(2024, 1, 1)).toBe(54 * 365 + 13);
    // CDNOW's calibration end, 1997-09-30: 1997-01-01 (27 years, 7 leap days) + 272 days (31+28+31+30+31+30+31+31+29).
    expect(dayNumber(1997, 9, 30)).toBe(27 * 365 + 7 + 272);
    expect(dayNumber(1969, 12, 31)).toBe(-1);
  });

  it('knows leap days: 29 February 2024 and 2000 exist, 1900 has none', () => {
    expect(dayNumber(2024, 3, 1) - dayNumber(2024, 2, 28)).toBe(2);
    expect(dayNumber(2000, 3, 1) - dayNumber(2000, 2, 28)).toBe(2);
    expect(dayNumber(1900, 3, 1) - dayNumber(1900, 2, 28)).toBe(1);
  });

  it('writes a day number back as the same YYYY-MM-DD', () => {
    expect(dayToIso(0)).toBe('1970-01-01');
    expect(dayToIso(-1)).toBe('1969-12-31');
    for (const [year, month, day] of [[1997, 9, 30], [2024, 2, 29], [2011, 12, 9], [1900, 3, 1]]) {
      expect(dayToIso(dayNumber(year, month, day))).toBe(`${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`);
    }
  });
});

describe('minutes as dates', () => {
  it('writes minutes since 1970 as the date and the wall-clock time, without a time zone', () => {
    const noon = parseDate('2011-12-09 12:50', 'iso');
    expect(minutesToIsoDate(noon)).toBe('2011-12-09');
    expect(minutesToIsoDateTime(noon)).toBe('2011-12-09 12:50');
    expect(minutesToIsoDateTime(0)).toBe('1970-01-01 00:00');
    // The last minute of a day is still that day.
    expect(minutesToIsoDate(dayNumber(2024, 1, 1) * 1440 + 1439)).toBe('2024-01-01');
  });
});
