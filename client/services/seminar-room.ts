/**
 * The seminar calls the reader's page itself makes (the room when a seminar opens, the round
 * before an "after" poll) and the form of join codes: kept apart from the rest of the seminar's
 * API (seminar-api.ts, which re-exports them) so that only these load with every page.
 */
import type { Api } from './api.ts'
import type { Poll, Room } from './types.ts'

const enc = encodeURIComponent

export function room(api: Api, debate: string): Promise<Room> {
  return api.request<Room>('GET', `/api/debates/${enc(debate)}/room`)
}

export async function poll(api: Api, id: number): Promise<Poll> {
  return (await api.request<{ poll: Poll }>('GET', `/api/polls/${id}`)).poll
}

/** Join codes are shown grouped ("ABCD-EFGH"); the server ignores case, spaces and dashes. */
export function formatJoinCode(code: string): string {
  const plain = normalizeJoinCode(code)
  return plain.length > 4 ? `${plain.slice(0, 4)}-${plain.slice(4)}` : plain
}

export function normalizeJoinCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]+/g, '')
}
