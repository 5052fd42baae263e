/**
 * The seminar call the reader's page itself makes (the room when a seminar opens) and the
 * plain form of join codes: kept apart from the rest of the seminar's API (seminar-api.ts,
 * which re-exports them) so that only these load with every page.
 */
import type { Api } from './api.ts'
import type { Room } from './types.ts'

const enc = encodeURIComponent

export function room(api: Api, debate: string): Promise<Room> {
  return api.request<Room>('GET', `/api/debates/${enc(debate)}/room`)
}

export function normalizeJoinCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]+/g, '')
}
