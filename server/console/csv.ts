/**
 * CSV for the console's downloads, made for Excel in Japan: a UTF-8 byte-order mark (without it Excel
 * reads the file as Shift_JIS and 解約 turns to mojibake), CRLF line ends (RFC 4180), and cells that
 * cannot run as formulas: a cell starting with = + - @ TAB or CR gets a leading apostrophe (OWASP's
 * advice against CSV injection), and a cell with a comma, semicolon, quote or line break is quoted,
 * because shopper-typed text ends up in these files.
 */

/** The UTF-8 byte-order mark. */
export const UTF8_BOM = '\uFEFF';

/** One cell value. Numbers are written as they are (a negative number is data, not a formula). */
export type CsvValue = string | number | null;

const FORMULA_START = /^[=+\-@\t\r]/u;

/** One cell, quoted when needed, with a formula start defused. */
export function csvCell(value: CsvValue): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  // `;` too: Excel in locales whose list separator is `;` splits there, and the part after it would be a
  // cell of its own, starting with whatever the shopper typed (=HYPERLINK…).
  return /[",;\r\n]/u.test(safe) || safe !== safe.trim() ? `"${safe.replace(/"/gu, '""')}"` : safe;
}

/** A whole CSV document: BOM, header row, data rows, CRLF after every row. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  const lines = [header, ...rows].map((row) => row.map(csvCell).join(','));
  return `${UTF8_BOM}${lines.map((line) => `${line}\r\n`).join('')}`;
}
