/** Fired when the participant votes in the open poll, changes their vote or gives a reason; answered with the poll. */
import type { Poll, PositionStance } from '../services/types.ts'
import { RequestEvent } from './request.ts'

export class MgPollVoteEvent extends RequestEvent<Poll> {
  static readonly eventName = 'mg-poll-vote'
  constructor(
    readonly pollId: number,
    readonly stance: PositionStance,
    /** Why they changed side, in an "after" round. */
    readonly reason?: string,
  ) {
    super(MgPollVoteEvent.eventName)
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'mg-poll-vote': MgPollVoteEvent
  }
}
