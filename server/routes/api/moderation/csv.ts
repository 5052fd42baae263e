/**
 * The moderation log as CSV (RFC 4180): every field quoted, quotes doubled, CRLF line ends.
 * A cell that a spreadsheet would read as a formula (starting with = + - @, or a tab or
 * carriage return) gets a leading apostrophe, since comment text and reasons come from users.
 */
import type { LogEntry } from '../../../schemas/moderation.ts'

const HEADER = ['id', 'at', 'actor', 'action', 'target_type', 'target_id', 'reason', 'snapshot']

export function cell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
  return `"${safe.replace(/"/g, '""')}"`
}

export function logToCsv(entries: readonly LogEntry[]): string {
  const rows = entries.map((e) => [
    String(e.id),
    e.at,
    e.actor.username,
    e.action,
    e.target.type,
    e.target.id,
    e.reason ?? '',
    e.snapshot === null || e.snapshot === undefined ? '' : JSON.stringify(e.snapshot),
  ])
  return [HEADER, ...rows].map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n'
}
