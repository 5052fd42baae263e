/**
 * The seminar slice: the room of the seminar being read (phase, anonymity, spotlight, the
 * current poll, the speaker queue, the timer, the member count, the groups), whether the
 * reader follows the leader's spotlight, the group a leader chose to see alone, and how far
 * this device's clock is off the server's, so a timer counts down the same on every phone. The room arrives whole (`subscribed.room`, or
 * `GET /room`) and then changes one live event at a time, always through these functions.
 */
import type { DebateInfo, Groups, JoinCode, LiveEvent, Phase, Poll, PositionStance, QueueEntry, Room, Timer } from '../services/types.ts'
import type { DebatePart } from './debate.ts'

export interface SeminarState {
  /** The current debate's room; null for ordinary debates and until it is loaded. */
  room: Room | null
  /** Scroll to the paragraph the leader spotlights (kept in localStorage). */
  followLeader: boolean
  /** Server clock minus this device's clock, in milliseconds, from the room's `now`. */
  skewMs: number
  /** The "before" round of the open "after" poll, with the reader's vote in it, when known. */
  previous: Poll | null
  /** The group whose arguments a leader chose to see alone; null: every group's. */
  shownGroup: number | null
}

export interface SeminarPart {
  /** The seminar's room, when the debate is a seminar. */
  seminar: SeminarState
}

export const SEMINAR_EVENTS = [
  'phase.changed',
  'spotlight.changed',
  'poll.opened',
  'poll.count',
  'poll.closed',
  'queue.changed',
  'timer.started',
  'timer.stopped',
  'member.joined',
  'join-code.changed',
  'groups.changed',
] as const

/** An event of the log that changes the seminar's room. */
export type SeminarEvent = Extract<LiveEvent, { type: (typeof SEMINAR_EVENTS)[number] }>

export function initialSeminar(followLeader = true): SeminarState {
  return { room: null, followLeader, skewMs: 0, previous: null, shownGroup: null }
}

function withSeminar<S extends SeminarPart>(state: S, change: Partial<SeminarState>): S {
  return { ...state, seminar: { ...state.seminar, ...change } }
}

function withRoom<S extends SeminarPart>(state: S, change: (room: Room) => Room): S {
  const room = state.seminar.room
  if (!room) return state
  const next = change(room)
  return next === room ? state : withSeminar(state, { room: next })
}

/** A fresh room (`subscribed.room` or `GET /room`), read at `receivedAt` on this device's clock. */
export function roomLoaded<S extends SeminarPart & DebatePart>(state: S, room: Room, receivedAt: number = Date.now()): S {
  const serverNow = Date.parse(room.now)
  const skewMs = Number.isFinite(serverNow) ? serverNow - receivedAt : state.seminar.skewMs
  const keep = state.seminar.previous && room.poll?.before === state.seminar.previous.id
  const next = withSeminar(state, { room, skewMs, previous: keep ? state.seminar.previous : null })
  return syncInfo(next, { phase: room.phase, anonymous: room.anonymous, spotlight: room.spotlight })
}

/** Leaving the seminar (another debate opens): nothing of its room stays. */
export function seminarReset<S extends SeminarPart>(state: S): S {
  if (!state.seminar.room && !state.seminar.previous && state.seminar.shownGroup === null) return state
  return withSeminar(state, { room: null, previous: null, shownGroup: null })
}

export function setFollowLeader<S extends SeminarPart>(state: S, followLeader: boolean): S {
  return state.seminar.followLeader === followLeader ? state : withSeminar(state, { followLeader })
}

export function showGroup<S extends SeminarPart>(state: S, shownGroup: number | null): S {
  return withSeminar(state, { shownGroup })
}

export function setPrevious<S extends SeminarPart>(state: S, previous: Poll | null): S {
  return withSeminar(state, { previous })
}

export function phaseChanged<S extends SeminarPart & DebatePart>(state: S, phase: Phase): S {
  const next = withRoom(state, (r) => (r.phase === phase ? r : { ...r, phase }))
  return syncInfo(next, { phase })
}

export function spotlightChanged<S extends SeminarPart & DebatePart>(state: S, anchor: string | null): S {
  const next = withRoom(state, (r) => (r.spotlight === anchor ? r : { ...r, spotlight: anchor }))
  return syncInfo(next, { spotlight: anchor })
}

/** A new poll opens; nobody has voted in it yet. An "after" round keeps the round it follows. */
export function pollOpened<S extends SeminarPart>(state: S, poll: Poll): S {
  const current = state.seminar.room?.poll ?? null
  if (!state.seminar.room) return state
  if (current?.id === poll.id) return pollUpdated(state, poll)
  const previous = poll.before !== null && current?.id === poll.before ? current : null
  return withSeminar(state, {
    room: { ...state.seminar.room, poll: { mine: null, ...poll } },
    previous,
  })
}

export function pollCounted<S extends SeminarPart>(state: S, id: number, votes: number): S {
  return withRoom(state, (r) => (r.poll?.id !== id || r.poll.votes === votes ? r : { ...r, poll: { ...r.poll, votes } }))
}

/** The poll closed with its results; the reader's own vote stays marked. */
export function pollClosed<S extends SeminarPart>(state: S, poll: Poll): S {
  return withRoom(state, (r) => {
    const mine = r.poll?.id === poll.id ? r.poll.mine : undefined
    return { ...r, poll: { ...poll, ...(poll.mine === undefined && mine !== undefined ? { mine } : {}) } }
  })
}

/** A REST answer about the current poll (the reader's vote, a reload): it replaces what was known. */
export function pollUpdated<S extends SeminarPart>(state: S, poll: Poll): S {
  return withRoom(state, (r) => {
    if (r.poll && r.poll.id !== poll.id) return r.poll.id > poll.id ? r : { ...r, poll }
    return { ...r, poll: { ...r.poll, ...poll } }
  })
}

/** The reader's vote, shown at once (before the server confirms it). */
export function chooseVote<S extends SeminarPart>(state: S, id: number, stance: PositionStance | null): S {
  return withRoom(state, (r) => (r.poll?.id !== id ? r : { ...r, poll: { ...r.poll, mine: stance } }))
}

export function queueChanged<S extends SeminarPart>(state: S, queue: readonly QueueEntry[], speaker: QueueEntry | null): S {
  return withRoom(state, (r) => ({ ...r, queue: [...queue], speaker }))
}

export function timerStarted<S extends SeminarPart>(state: S, timer: Timer): S {
  return withRoom(state, (r) => ({ ...r, timer }))
}

export function timerStopped<S extends SeminarPart>(state: S): S {
  return withRoom(state, (r) => (r.timer === null ? r : { ...r, timer: null }))
}

export function memberJoined<S extends SeminarPart>(state: S, members: number): S {
  return withRoom(state, (r) => (r.members === members ? r : { ...r, members }))
}

export function joinCodeChanged<S extends SeminarPart>(state: S, joinCode: JoinCode): S {
  return withRoom(state, (r) => ({ ...r, joinCode }))
}

/** The groups as they are now; the reader's own is the one that names them (`me`). */
export function groupsChanged<S extends SeminarPart>(state: S, groups: Omit<Groups, 'mine'>, me: number | null): S {
  const mine = groups.groups.find((g) => g.members.some((m) => m.id === me))?.id ?? null
  return withRoom(state, (r) => ({ ...r, groups: { ...groups, mine } }))
}

/** Routes one seminar event of the debate log to its reducer (`me`: the reader's id); other events leave the state as it is. */
export function applySeminarEvent<S extends SeminarPart & DebatePart>(state: S, event: SeminarEvent, me: number | null = null): S {
  const room = state.seminar.room
  // A room read after this event already holds it; applying it again would step back in time.
  if (room) {
    if (event.seq <= room.seq) return state
    state = withSeminar(state, { room: { ...room, seq: event.seq } })
  }
  switch (event.type) {
    case 'phase.changed':
      return phaseChanged(state, event.phase)
    case 'spotlight.changed':
      return spotlightChanged(state, event.anchor)
    case 'poll.opened':
      return pollOpened(state, event.poll)
    case 'poll.count':
      return pollCounted(state, event.poll, event.votes)
    case 'poll.closed':
      return pollClosed(state, event.poll)
    case 'queue.changed':
      return queueChanged(state, event.queue, event.speaker)
    case 'timer.started':
      return timerStarted(state, event.timer)
    case 'timer.stopped':
      return timerStopped(state)
    case 'member.joined':
      return memberJoined(state, event.members)
    case 'join-code.changed':
      return joinCodeChanged(state, { joinCode: event.joinCode, expiresAt: event.expiresAt })
    case 'groups.changed':
      return groupsChanged(state, event, me)
  }
}

/** The debate's own record of the seminar (`debate.info.seminar`) follows the room. */
function syncInfo<S extends SeminarPart & DebatePart>(
  state: S,
  change: Partial<{ phase: Phase; anonymous: boolean; spotlight: string | null }>,
): S {
  const debate = state.debate
  const seminar = debate?.info?.seminar
  if (!debate?.info || !seminar) return state
  const next = { ...seminar, ...change }
  if (next.phase === seminar.phase && next.anonymous === seminar.anonymous && next.spotlight === seminar.spotlight) return state
  const info: DebateInfo = { ...debate.info, seminar: next }
  return { ...state, debate: { ...debate, info } }
}

/** The seminar's phase as the page knows it: the room's, else the debate's; null for ordinary debates. */
export function currentPhase(state: SeminarPart & DebatePart): Phase | null {
  return state.seminar.room?.phase ?? state.debate?.info?.seminar?.phase ?? null
}

/** The reader's raised hand, if any. */
export function myHand(room: Room | null, userId: number | null | undefined): QueueEntry | null {
  if (!room || userId == null) return null
  return room.queue.find((e) => e.user.id === userId) ?? null
}
