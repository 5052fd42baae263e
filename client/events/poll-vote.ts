/** Fired when the participant votes in the open poll, changes their vote or gives a reason; answered with the poll. */
import { msg } from '@lit/localize'
import type { Api, PositionStance } from '../services/api.ts'
import { vote, type Poll } from '../services/seminar-api.ts'
import { pollUpdated } from '../state/seminar.ts'
import type { AppState } from '../state/store.ts'
import { SeminarCallEvent } from './seminar-call.ts'

export class MgPollVoteEvent extends SeminarCallEvent<Poll> {
  static readonly eventName = 'mg-poll-vote'
  constructor(
    readonly pollId: number,
    readonly stance: PositionStance,
    /** Why they changed side, in an "after" round. */
    readonly reason?: string,
  ) {
    super(MgPollVoteEvent.eventName)
  }

  send(api: Api): Promise<Poll> {
    return vote(api, this.pollId, this.stance, this.reason)
  }

  override apply(state: AppState, poll: Poll): AppState {
    return pollUpdated(state, poll)
  }

  override announcement(): string {
    return this.reason ? msg('Your reason was sent.') : msg('Your vote was counted.')
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'mg-poll-vote': MgPollVoteEvent
  }
}
