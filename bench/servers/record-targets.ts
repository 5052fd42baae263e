/** What the record benchmark and its server (record-server.ts) share; importing the server would start it. */

export const PARTICIPANTS = 200
export const ARGUMENTS = 3000
export const RECORD_FILES = ['participation.csv', 'contributions.csv', 'record.md', 'record.json', 'debate.argdown'] as const

export interface RecordTargets {
  slug: string
  /** The record, each export and the replay's log, as the leader fetches them. */
  paths: { record: string; files: Record<string, string>; log: string }
  cookie: string
}
