/**
 * The seminar record's REST calls, typed after the server's contract (server/schemas/record.ts):
 * the record itself (the whole of it for leaders and moderators, a personal summary for anyone
 * else), the links of its downloads, and the leaders' grading. They load with the record's
 * view and go through the page's API client, with its conventions and errors.
 */
import type { Api } from './api.ts'
import type { GradingRule, LoggedEvent, Participation, RecordGrading, RecordResponse } from './types.ts'

const enc = encodeURIComponent
const debatePath = (debate: string) => `/api/debates/${enc(debate)}`

/** The files a debate's leaders and moderators download from its record. */
export const RECORD_FILES = ['participation.csv', 'contributions.csv', 'record.md', 'record.json', 'debate.argdown'] as const
export type RecordFile = (typeof RECORD_FILES)[number]

/** Where one of the record's downloads is served (as an attachment, with the session cookie). */
export function recordFileUrl(debate: string, file: RecordFile): string {
  return `${debatePath(debate)}/record/${file}`
}

export function record(api: Api, debate: string): Promise<RecordResponse> {
  return api.request('GET', `${debatePath(debate)}/record`)
}

/** The debate's log for the replay: every event as its leaders may see it now, with its time. */
export async function recordLog(api: Api, debate: string): Promise<LoggedEvent[]> {
  const log: { events: LoggedEvent[] } = await api.request('GET', `${debatePath(debate)}/record/log`)
  return log.events
}

/** Sets what earns full marks; every mark is computed again by it. */
export function setGrading(api: Api, debate: string, rule: GradingRule): Promise<RecordGrading> {
  return api.request('PUT', `${debatePath(debate)}/grading`, rule)
}

/** Adjusts one participant's mark and comments on it (both null: the computed mark counts); answers with their row. */
export function setGrade(
  api: Api,
  debate: string,
  userId: number,
  adjusted: number | null,
  comment: string | null,
): Promise<Participation> {
  return api.request('PUT', `${debatePath(debate)}/grades/${userId}`, { adjusted, comment })
}

/** Releases the marks to the participants, or takes them back. */
export function releaseGrades(api: Api, debate: string, released: boolean): Promise<RecordGrading> {
  return api.request('PUT', `${debatePath(debate)}/grades/released`, { released })
}
