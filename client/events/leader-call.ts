/**
 * Fired by the seminar leaders' views (panel, overview, roster) for each request they make:
 * steering the phase, the spotlight, polls, the speaker queue, the timer and the join code,
 * and loading the overview and the roster. Like the moderators' calls it knows its own REST
 * call, so that code loads with the leaders' views; the page answers it with its API client
 * and the open debate. The room changes the requests cause come back as live events.
 */
import type { Api } from '../services/api.ts'
import {
  closePoll,
  nextSpeaker,
  openPoll,
  overview,
  removeHand,
  removeMember,
  renameMember,
  revokeJoinCode,
  roster,
  rotateJoinCode,
  setPhase,
  setSpotlight,
  setTimer,
  type Overview,
  type Phase,
  type Poll,
  type PollClosed,
  type QueueState,
  type RosterMember,
  type Timer,
} from '../services/seminar-api.ts'
import { ModeratorCallEvent } from './moderator-call.ts'

/** Each request a leader's view makes, and what it is answered with. */
export interface LeaderRequests {
  phase: { request: { phase: Phase }; result: Phase }
  spotlight: { request: { anchor: string | null }; result: string | null }
  'open-poll': { request: { anchor?: string; before?: number }; result: Poll }
  'close-poll': { request: { poll: number }; result: PollClosed }
  'next-speaker': { request: { seconds?: number }; result: QueueState & { timer: Timer | null } }
  'remove-hand': { request: { entry: number }; result: void }
  timer: { request: { seconds: number | null }; result: Timer | null }
  'rotate-join-code': { request: Record<never, never>; result: { joinCode: string; expiresAt: string } }
  'revoke-join-code': { request: Record<never, never>; result: void }
  overview: { request: Record<never, never>; result: Overview }
  roster: { request: Record<never, never>; result: RosterMember[] }
  rename: { request: { userId: number; displayName: string }; result: void }
  'remove-member': { request: { userId: number }; result: void }
}

export type LeaderRequestKind = keyof LeaderRequests
export type LeaderRequest<K extends LeaderRequestKind = LeaderRequestKind> = K extends LeaderRequestKind
  ? { kind: K } & LeaderRequests[K]['request']
  : never

export class MgLeaderCallEvent<K extends LeaderRequestKind = LeaderRequestKind> extends ModeratorCallEvent<LeaderRequests[K]['result']> {
  static readonly eventName = 'mg-leader-call'
  constructor(readonly request: { kind: K } & LeaderRequests[K]['request']) {
    super(MgLeaderCallEvent.eventName)
  }

  send(api: Api, debate: string): Promise<LeaderRequests[K]['result']> {
    return sendLeaderRequest(api, debate, this.request as LeaderRequest) as Promise<LeaderRequests[K]['result']>
  }
}

/** Fires the request from `target` and waits for its answer. */
export function callLeader<K extends LeaderRequestKind>(
  target: EventTarget,
  request: { kind: K } & LeaderRequests[K]['request'],
): Promise<LeaderRequests[K]['result']> {
  const event = new MgLeaderCallEvent<K>(request)
  target.dispatchEvent(event)
  return event.response
}

function sendLeaderRequest(api: Api, debate: string, r: LeaderRequest): Promise<unknown> {
  switch (r.kind) {
    case 'phase':
      return setPhase(api, debate, r.phase)
    case 'spotlight':
      return setSpotlight(api, debate, r.anchor)
    case 'open-poll':
      return openPoll(api, debate, {
        ...(r.anchor === undefined ? {} : { anchor: r.anchor }),
        ...(r.before === undefined ? {} : { before: r.before }),
      })
    case 'close-poll':
      return closePoll(api, r.poll)
    case 'next-speaker':
      return nextSpeaker(api, debate, r.seconds)
    case 'remove-hand':
      return removeHand(api, debate, r.entry)
    case 'timer':
      return setTimer(api, debate, r.seconds)
    case 'rotate-join-code':
      return rotateJoinCode(api, debate)
    case 'revoke-join-code':
      return revokeJoinCode(api, debate)
    case 'overview':
      return overview(api, debate)
    case 'roster':
      return roster(api, debate)
    case 'rename':
      return renameMember(api, debate, r.userId, r.displayName)
    case 'remove-member':
      return removeMember(api, debate, r.userId)
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'mg-leader-call': MgLeaderCallEvent
  }
}
