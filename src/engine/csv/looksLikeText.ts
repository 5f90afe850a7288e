/**
 * Whether the start of a file reads as text at all. A picture, a spreadsheet workbook (.xlsx
 * is a zip) or a program renamed ".csv" decodes to NUL bytes, U+FFFD replacement characters
 * and control characters; a CSV export never holds a NUL and only tab, CR, LF and form feed
 * among the C0 controls. The 1% allowance keeps a text file with a stray bad byte readable.
 */
export function looksLikeText(head: string): boolean {
  if (head.includes('\u0000')) return false;
  let odd = 0;
  for (let i = 0; i < head.length; i++) {
    const code = head.charCodeAt(i);
    if (code === 0xfffd || (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0c && code !== 0x0d)) odd++;
  }
  return odd <= 0.01 * head.length;
}
