/**
 * A cell made safe for spreadsheets: text starting with = + - @ tab or CR would be run as a
 * formula by Excel and Sheets (OWASP, "CSV Injection"), so it is prefixed with an apostrophe.
 * Plain numbers such as -3 are left alone.
 */
export function neutraliseFormula(text: string): string {
  if (/^[=+\-@\t\r]/.test(text) && !/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text)) return `'${text}`;
  return text;
}
