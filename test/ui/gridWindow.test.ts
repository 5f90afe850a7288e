/** The journey sheet's window on its rows: rows of 30 px, 16 in view, 6 more drawn either side. */
import { describe, expect, it } from 'vitest';
import { FRAME, OVERSCAN, ROW_HEIGHT, VIEW_ROWS, rowsDrawn, scrollTopShowing, scrollerHeight } from '../../src/ui/gridWindow.ts';

describe('rowsDrawn', () => {
  it('draws the rows in view and OVERSCAN either side, within the sheet', () => {
    expect(rowsDrawn(0, 1000)).toEqual({ first: 0, last: VIEW_ROWS + OVERSCAN });
    // Scrolled 100 rows down: rows 94 up to 122.
    expect(rowsDrawn(100 * ROW_HEIGHT, 1000)).toEqual({ first: 100 - OVERSCAN, last: 100 + VIEW_ROWS + OVERSCAN });
    // Part of a row scrolled: the row it starts in, and one more at the bottom.
    expect(rowsDrawn(100 * ROW_HEIGHT + 10, 1000)).toEqual({ first: 100 - OVERSCAN, last: 100 + VIEW_ROWS + 1 + OVERSCAN });
    expect(rowsDrawn(0, 5)).toEqual({ first: 0, last: 5 });
  });

  it('draws every row while the page prints', () => {
    expect(rowsDrawn(100 * ROW_HEIGHT, 1000, true)).toEqual({ first: 0, last: 1000 });
  });
});

describe('scrollerHeight', () => {
  it('is as tall as the rows and the header, up to VIEW_ROWS rows', () => {
    expect(scrollerHeight(3)).toBe(4 * ROW_HEIGHT + FRAME);
    expect(scrollerHeight(0)).toBe(ROW_HEIGHT + FRAME);
    expect(scrollerHeight(500)).toBe((VIEW_ROWS + 1) * ROW_HEIGHT + FRAME);
  });
});

describe('scrollTopShowing', () => {
  const height = 300;

  it('leaves the scroll as it is when the row shows below the header', () => {
    expect(scrollTopShowing(5, 0, height)).toBe(0);
    expect(scrollTopShowing(10, 90, height)).toBe(90);
    // Row 11 ends, with the header's height, exactly at the bottom: 330 + 60 = 90 + 300.
    expect(scrollTopShowing(11, 90, height)).toBe(90);
  });

  it('scrolls up to a row above the view, and down just enough for a row below it and the header', () => {
    expect(scrollTopShowing(2, 300, height)).toBe(60);
    // Row 20 starts at 600 and needs 60 px with the header's: 660 − 300.
    expect(scrollTopShowing(20, 0, height)).toBe(360);
    expect(scrollTopShowing(12, 90, height)).toBe(120);
  });
});
