/** Fired to upvote a comment as a strong argument (1) or to take the vote back (0). */
export class MgVoteEvent extends Event {
  static readonly eventName = 'mg-vote'
  constructor(
    readonly commentId: number,
    readonly value: 0 | 1,
  ) {
    super(MgVoteEvent.eventName, { bubbles: true, composed: true })
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'mg-vote': MgVoteEvent
  }
}
