/**
 * The seminar's REST calls, participants' and leaders' alike, typed after the server's
 * contract (server/schemas/seminars.ts): creating a seminar, join codes and joining, phase,
 * spotlight, polls, the speaker queue, the timer, the room, the overview and the roster.
 * Each is a function of the page's API client, so the calls share its conventions and
 * errors, and a bundle carries only the calls its views make.
 */
import type { Api, PositionStance, Role, User } from './api.ts'
import { normalizeJoinCode } from './seminar-room.ts'

export type Phase = 'reading' | 'private' | 'open' | 'closed'
export type SpeakerKind = 'argument' | 'reply' | 'question' | 'order'
export const PHASES: readonly Phase[] = ['reading', 'private', 'open', 'closed']
export const SPEAKER_KINDS: readonly SpeakerKind[] = ['argument', 'reply', 'question', 'order']

/**
 * Someone in a seminar as the reader may see them; `pseudonym` only for the leaders of an
 * anonymous seminar, where the other participants see a negative id of the seminar instead of
 * the account's. `guest` (left out for a pseudonym) and `role` feed the marks beside the name.
 */
export interface Person {
  id: number
  name: string
  pseudonym?: string | null
  guest?: boolean
  role?: Role | null
}

export interface StanceCounts {
  pro: number
  contra: number
  undecided: number
}

/** `shift[from][to]`: how many who voted `from` in the "before" round voted `to` in this one. */
export type Shift = Record<PositionStance, StanceCounts>

export interface ShiftReason {
  from: PositionStance
  to: PositionStance
  reason: string
}

export interface Poll {
  id: number
  /** The paragraph polled; null for the essay as a whole. */
  anchor: string | null
  /** The poll this one is the "after" round of. */
  before: number | null
  status: 'open' | 'closed'
  /** How many have voted (never how, until closed). */
  votes: number
  openedAt: string
  closedAt: string | null
  /** The reader's own vote. */
  mine?: PositionStance | null
  results?: StanceCounts
  shift?: Shift
  reasons?: ShiftReason[]
}

export interface QueueEntry {
  id: number
  user: Person
  anchor: string
  kind: SpeakerKind
  raisedAt: string
}

export interface Timer {
  startedAt: string
  endsAt: string
  seconds: number
}

export interface JoinCode {
  joinCode: string | null
  expiresAt: string | null
}

/** Everything a participant needs to follow the seminar at once. */
export interface Room {
  phase: Phase
  anonymous: boolean
  spotlight: string | null
  /** The open poll, or else the latest closed one with its result. */
  poll: Poll | null
  /** Raised hands in speaking order: points of order first. */
  queue: QueueEntry[]
  speaker: QueueEntry | null
  timer: Timer | null
  members: number
  seq: number
  /** The server's clock when the room was read, to correct the timer for this device's clock. */
  now: string
  /** Only for the leaders. */
  joinCode?: JoinCode
}

/** What `GET /api/debates/:debate` says of a seminar (null for ordinary debates). */
export interface SeminarInfo {
  phase: Phase
  anonymous: boolean
  spotlight: string | null
}

export interface DebateRef {
  slug: string
  title: string
}

export interface SeminarCreated {
  debate: DebateRef
  joinCode: string
  expiresAt: string
}

export interface JoinPreview {
  debate: DebateRef
  anonymous: boolean
  signedIn: boolean
}

export interface Joined {
  debate: DebateRef
  user: User
}

export interface PollClosed {
  poll: Poll
  results: StanceCounts
  shift?: Shift
  reasons?: ShiftReason[]
}

export interface QueueState {
  queue: QueueEntry[]
  speaker: QueueEntry | null
}

export interface OverviewMember {
  user: Person
  role: Role
  guest: boolean
  /** Paragraphs with a position. */
  positions: number
  comments: number
  online?: boolean
}

export interface OverviewParagraph {
  anchor: string
  pro: number
  contra: number
  neutral: number
  positions: StanceCounts
}

export interface Overview {
  members: OverviewMember[]
  paragraphs: OverviewParagraph[]
}

/** One member of a seminar's roster (the member list with the seminar's fields). */
export interface RosterMember {
  user: { id: number; username: string }
  role: Role
  muted: boolean
  mutedUntil: string | null
  banned: boolean
  guest: boolean
  pseudonym: string | null
  displayName: string | null
}

const enc = encodeURIComponent
const debatePath = (debate: string) => `/api/debates/${enc(debate)}`

// What the reader's page needs before the seminar's views load lives apart, so that readers
// of ordinary debates download only that.
export { formatJoinCode, normalizeJoinCode, poll, room } from './seminar-room.ts'

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
