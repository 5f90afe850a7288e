/**
 * The journey sheet's window on its rows: every row is ROW_HEIGHT px tall, so the rows to draw
 * for a scroll position (those in view and OVERSCAN either side; every row while the page
 * prints, as paper has no scrolling) and the scroll that brings a row into view are worked out
 * here, without measuring the page.
 */

export const ROW_HEIGHT = 30;
/** The scroller's borders and the header's rule (px). */
export const FRAME = 4;
/** The most rows the sheet shows at once; past that, it scrolls. */
export const VIEW_ROWS = 16;
/** Rows drawn beyond those in view, either side, so a short scroll shows no gap. */
export const OVERSCAN = 6;

/** The rows to draw, `first` up to (not including) `last`, at `scrollTop` px of a sheet of `rowCount` rows. */
export function rowsDrawn(scrollTop: number, rowCount: number, printing = false): { first: number; last: number } {
  if (printing) return { first: 0, last: rowCount };
  return {
    first: Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN),
    last: Math.min(rowCount, Math.ceil((scrollTop + VIEW_ROWS * ROW_HEIGHT) / ROW_HEIGHT) + OVERSCAN),
  };
}

/** The scroller's height (px) for `rowCount` rows: those shown, up to VIEW_ROWS, the header and the frame. */
export function scrollerHeight(rowCount: number): number {
  return (Math.min(rowCount, VIEW_ROWS) + 1) * ROW_HEIGHT + FRAME;
}

/**
 * The scroll (px) that shows row `row` below the header, which stays at the top and covers the
 * first row's height, in a scroller `clientHeight` px tall at `scrollTop`; `scrollTop` itself when
 * the row shows already.
 */
export function scrollTopShowing(row: number, scrollTop: number, clientHeight: number): number {
  const top = row * ROW_HEIGHT;
  if (top < scrollTop) return top;
  if (top + 2 * ROW_HEIGHT > scrollTop + clientHeight) return top + 2 * ROW_HEIGHT - clientHeight;
  return scrollTop;
}
