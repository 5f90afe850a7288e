/**
 * Text measures for SVG labels, without a DOM: layouts are computed before anything is drawn,
 * so label widths are estimated from character counts for the 11–12 px system font the views
 * use. The estimate errs wide, so labels spaced by it do not touch.
 */

/** Average advance of a character, in ems, for the sans-serif UI font (a little wide on purpose). */
const AVERAGE_ADVANCE = 0.62;

/** Estimated width in pixels of `text` set at `fontSize` px. */
export function textWidth(text: string, fontSize = 11): number {
  return text.length * fontSize * AVERAGE_ADVANCE;
}

/** `text` shortened to at most `max` characters, the last one an ellipsis when anything was cut. */
export function truncate(text: string, max = 24): string {
  if (max < 1) return '';
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}

/** Characters of the UI font that fit in `width` pixels at `fontSize` px. */
export function charactersThatFit(width: number, fontSize = 11): number {
  return Math.max(0, Math.floor(width / (fontSize * AVERAGE_ADVANCE)));
}

/** A time or other quantity with at most `decimals` decimals and no trailing zeros: 47.5, 50, 1234.25. */
export function formatQuantity(value: number, decimals = 2): string {
  if (!Number.isFinite(value)) return '–';
  return String(Number(value.toFixed(decimals)));
}
