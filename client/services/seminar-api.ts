/**
 * The seminar's REST calls, participants' and leaders' alike, typed after the server's
 * contract (server/schemas/seminars.ts): creating a seminar, join codes and joining, phase,
 * spotlight, polls, the speaker queue, the timer, the room, the overview and the roster.
 * Each is a function of the page's API client, so the calls share its conventions and
 * errors, and a bundle carries only the calls its views make.
 */
import type { Api } from './api.ts'
import { normalizeJoinCode } from './seminar-room.ts'
import type {
  JoinCode,
  Joined,
  JoinPreview,
  Overview,
  Phase,
  Poll,
  PollClosed,
  PositionStance,
  QueueEntry,
  QueueState,
  RosterMember,
  SeminarCreated,
  SpeakerKind,
  Timer,
} from './types.ts'

export const PHASES: readonly Phase[] = ['reading', 'private', 'open', 'closed']
export const SPEAKER_KINDS: readonly SpeakerKind[] = ['argument', 'reply', 'question', 'order']

const enc = encodeURIComponent
const debatePath = (debate: string) => `/api/debates/${enc(debate)}`

// What the reader's page needs before the seminar's views load lives apart, so that readers
// of ordinary debates download only that.
export { normalizeJoinCode, room } from './seminar-room.ts'

/** Join codes are shown grouped ("ABCD-EFGH"); the server ignores case, spaces and dashes. */
export function formatJoinCode(code: string): string {
  const plain = normalizeJoinCode(code)
  return plain.length > 4 ? `${plain.slice(0, 4)}-${plain.slice(4)}` : plain
}

/** One poll, with the reader's vote in it: the round before an open "after" poll, after a reload. */
export async function poll(api: Api, id: number): Promise<Poll> {
  return (await api.request<{ poll: Poll }>('GET', `/api/polls/${id}`)).poll
}

// Creating and joining

export function createSeminar(api: Api, input: { essay: string; title: string; anonymous?: boolean }): Promise<SeminarCreated> {
  return api.request('POST', '/api/seminars', input)
}

export function joinPreview(api: Api, code: string): Promise<JoinPreview> {
  return api.request('GET', `/api/join/${enc(normalizeJoinCode(code))}`)
}

export function join(api: Api, code: string, displayName?: string): Promise<Joined> {
  return api.request('POST', '/api/join', { code: normalizeJoinCode(code), ...(displayName ? { displayName } : {}) })
}

// The room and the participants' actions

export async function vote(api: Api, poll: number, stance: PositionStance, reason?: string): Promise<Poll> {
  return (await api.request<{ poll: Poll }>('PUT', `/api/polls/${poll}/vote`, { stance, ...(reason ? { reason } : {}) })).poll
}

/** The debate's polls, newest first. */
export async function polls(api: Api, debate: string): Promise<Poll[]> {
  return (await api.request<{ polls: Poll[] }>('GET', `${debatePath(debate)}/polls`)).polls
}

/** Raises the reader's hand (replacing a hand already raised). */
export function raiseHand(api: Api, debate: string, anchor: string, kind: SpeakerKind): Promise<QueueState & { entry: QueueEntry }> {
  return api.request('POST', `${debatePath(debate)}/queue`, { anchor, kind })
}

export async function lowerHand(api: Api, debate: string): Promise<void> {
  await api.request('DELETE', `${debatePath(debate)}/queue/mine`)
}

// Steering, for the leaders

export function joinCode(api: Api, debate: string): Promise<JoinCode> {
  return api.request('GET', `${debatePath(debate)}/join-code`)
}

/** A new code; the old one stops working. */
export function rotateJoinCode(api: Api, debate: string, ttlMinutes?: number): Promise<{ joinCode: string; expiresAt: string }> {
  return api.request('POST', `${debatePath(debate)}/join-code`, ttlMinutes === undefined ? {} : { ttlMinutes })
}

export async function revokeJoinCode(api: Api, debate: string): Promise<void> {
  await api.request('DELETE', `${debatePath(debate)}/join-code`)
}

export async function setPhase(api: Api, debate: string, phase: Phase): Promise<Phase> {
  return (await api.request<{ phase: Phase }>('PUT', `${debatePath(debate)}/phase`, { phase })).phase
}

export async function setSpotlight(api: Api, debate: string, anchor: string | null): Promise<string | null> {
  return (await api.request<{ spotlight: string | null }>('PUT', `${debatePath(debate)}/spotlight`, { anchor })).spotlight
}

/** Opens a poll on a paragraph (or the essay); with `before`, the "after" round of that closed poll. */
export async function openPoll(api: Api, debate: string, options: { anchor?: string; before?: number } = {}): Promise<Poll> {
  return (await api.request<{ poll: Poll }>('POST', `${debatePath(debate)}/polls`, options)).poll
}

export function closePoll(api: Api, id: number): Promise<PollClosed> {
  return api.request('POST', `/api/polls/${id}/close`)
}

/** The current speaker is done; the first waiting hand speaks, with a timer when `seconds` is given. */
export function nextSpeaker(api: Api, debate: string, seconds?: number): Promise<QueueState & { timer: Timer | null }> {
  return api.request('POST', `${debatePath(debate)}/queue/next`, seconds === undefined ? {} : { seconds })
}

export async function removeHand(api: Api, debate: string, entry: number): Promise<void> {
  await api.request('DELETE', `${debatePath(debate)}/queue/${entry}`)
}

export async function setTimer(api: Api, debate: string, seconds: number | null): Promise<Timer | null> {
  return (await api.request<{ timer: Timer | null }>('PUT', `${debatePath(debate)}/timer`, { seconds })).timer
}

export function overview(api: Api, debate: string): Promise<Overview> {
  return api.request('GET', `${debatePath(debate)}/overview`)
}

export async function roster(api: Api, debate: string): Promise<RosterMember[]> {
  return (await api.request<{ members: RosterMember[] }>('GET', `${debatePath(debate)}/members`)).members
}

export async function renameMember(api: Api, debate: string, userId: number, displayName: string): Promise<void> {
  await api.request('PATCH', `${debatePath(debate)}/members/${userId}`, { displayName })
}

export async function removeMember(api: Api, debate: string, userId: number): Promise<void> {
  await api.request('DELETE', `${debatePath(debate)}/members/${userId}`)
}
