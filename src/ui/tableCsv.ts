/**
 * A table on the page as CSV: its header row, then each body row, a cell's `data-value` when it
 * has one (the plain number behind "12.5%" or "$1,234.00"), else its text; columns marked
 * `data-csv="skip"` (a column of buttons) are left out, and every cell is made formula-safe
 * (rowsToCsv). For the small tables; the long lists write their CSV from their data.
 */
import { rowsToCsv } from '../engine/csv/index.ts';

function cellValue(cell: Element): string | number {
  const raw = cell.getAttribute('data-value');
  if (raw !== null) {
    const number = Number(raw);
    return raw.trim() !== '' && Number.isFinite(number) ? number : raw;
  }
  return (cell.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** The CSV text of `table`. */
export function tableToCsv(table: HTMLTableElement): string {
  const headerRow = table.tHead?.rows[0] ?? table.rows[0];
  if (!headerRow) return '';
  const keep = Array.from(headerRow.cells).map((cell, index) => ({ index, header: cellValue(cell), skip: cell.getAttribute('data-csv') === 'skip' })).filter((c) => !c.skip);
  const body = Array.from(table.tBodies).flatMap((tbody) => Array.from(tbody.rows)).filter((row) => row.cells.length === headerRow.cells.length);
  return rowsToCsv(body, keep.map(({ index, header }) => ({ header: String(header), value: (row: HTMLTableRowElement) => cellValue(row.cells[index]) })));
}
