/**
 * Text measures for SVG labels, without a DOM: layouts are computed before anything is drawn,
 * so label widths are estimated from character counts for the 11–12 px system font the views
 * use. The estimate errs wide, so labels spaced by it do not touch.
 */
import { upToNumber } from './localeNumbers.ts';

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

/** A time or other quantity with at most `decimals` decimals and no trailing zeros, in the page's locale: 47.5, 50, 1,234.25. */
export function formatQuantity(value: number, decimals = 2): string {
  return upToNumber(value, decimals);
}

/**
 * `text` broken at spaces into at most `lines` lines of at most `max` characters (a word longer
 * than a line is broken inside it); what does not fit on the last line is cut with an ellipsis.
 * Text that fits is one line, unchanged.
 */
export function wrapLabel(text: string, max: number, lines = 2): string[] {
  if (max < 1) return [''];
  if (text.length <= max) return [text];
  const result: string[] = [];
  let rest = text.trim();
  while (rest.length > 0 && result.length < lines - 1) {
    if (rest.length <= max) { result.push(rest); rest = ''; break; }
    const space = rest.lastIndexOf(' ', max);
    const end = space > 0 ? space : max;
    result.push(rest.slice(0, end).trimEnd());
    rest = rest.slice(end).trimStart();
  }
  if (rest.length > 0) result.push(truncate(rest, max));
  return result;
}

/** A chart's label for a name: whole when it fits in `characters`, else on two lines (see wrapLabel); `label` is the lines joined. */
export function labelLines(name: string, characters: number): { label: string; lines: string[] } {
  const lines = Number.isFinite(characters) ? wrapLabel(name, characters) : [name];
  return { label: lines.join(' '), lines };
}
