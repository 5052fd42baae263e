/** Fired by the leader to open a poll on a paragraph (or the essay), or the "after" round of a closed one; answered with the poll. */
import type { Poll } from '../services/types.ts'
import { RequestEvent } from './request.ts'

export class MgOpenPollEvent extends RequestEvent<Poll> {
  static readonly eventName = 'mg-open-poll'
  constructor(
    /** On a paragraph (`anchor`), or the after round of poll `before`; neither: on the essay as a whole. */
    readonly options: { anchor?: string; before?: number },
  ) {
    super(MgOpenPollEvent.eventName)
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'mg-open-poll': MgOpenPollEvent
  }
}
