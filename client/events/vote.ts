/** Fired to upvote a comment as a strong argument (1) or to take the vote back (0). */
import { RequestEvent } from './request.ts'

export class MgVoteEvent extends RequestEvent {
  static readonly eventName = 'mg-vote'
  constructor(
    readonly commentId: number,
    readonly value: 0 | 1,
  ) {
    super(MgVoteEvent.eventName)
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'mg-vote': MgVoteEvent
  }
}
