/**
 * Looks into a server's SQLite file while the server is down (after kill -9, before the
 * restart), read-only, as an operator would: is the file sound, and which posts did it keep.
 */
import Database from 'better-sqlite3'
import type { Acknowledged } from './writers.ts'

export interface Inspection {
  /** `ok`, or what `PRAGMA integrity_check` found. */
  integrity: string
  /** Acknowledged posts the file does not hold (by clientKey, with the id the client was given). */
  lost: string[]
  /** Rows beyond the first for one author and clientKey. */
  duplicates: number
  comments: number
}

export function inspect(path: string, acknowledged: Map<string, Acknowledged>): Inspection {
  const db = new Database(path, { readonly: true, fileMustExist: true })
  try {
    const integrity = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check).join('; ')
    const rows = db
      .prepare('select id, author_id as authorId, client_key as clientKey from comments where client_key is not null')
      .all() as {
      id: number
      authorId: number
      clientKey: string
    }[]
    const stored = new Map<string, number[]>()
    for (const row of rows) {
      const key = `${row.authorId}/${row.clientKey}`
      stored.set(key, [...(stored.get(key) ?? []), row.id])
    }
    const lost = [...acknowledged]
      .filter(([key, ack]) => !stored.get(`${ack.authorId}/${key}`)?.includes(ack.id))
      .map(([key, ack]) => `${key} (comment ${ack.id})`)
    const duplicates = [...stored.values()].reduce((sum, ids) => sum + ids.length - 1, 0)
    const comments = (db.prepare('select count(*) as n from comments').get() as { n: number }).n
    return { integrity, lost, duplicates, comments }
  } finally {
    db.close()
  }
}
