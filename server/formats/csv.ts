/**
 * CSV as spreadsheets and gradebooks read it (RFC 4180): every field quoted, quotes doubled,
 * CRLF line ends. A cell a spreadsheet would read as a formula (starting with = + - @, or a tab
 * or carriage return) gets a leading apostrophe, since names, comments and reasons come from users.
 */

/** The byte order mark that tells Excel and LibreOffice a file is UTF-8. */
export const BOM = '\uFEFF'

export function cell(value: string | number | boolean | null | undefined): string {
  const text = value === null || value === undefined ? '' : String(value)
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text
  return `"${safe.replace(/"/g, '""')}"`
}

/** A header row and the rows under it; with `bom`, the file opens as UTF-8 in spreadsheet apps. */
export function toCsv(
  header: readonly string[],
  rows: readonly (readonly (string | number | boolean | null | undefined)[])[],
  options: { bom?: boolean } = {},
): string {
  const lines = [header, ...rows].map((row) => row.map(cell).join(','))
  return (options.bom ? BOM : '') + lines.join('\r\n') + '\r\n'
}
