/** Fired by the leader to close the open poll; answered with its results. */
import type { PollClosed } from '../services/types.ts'
import { RequestEvent } from './request.ts'

export class MgClosePollEvent extends RequestEvent<PollClosed> {
  static readonly eventName = 'mg-close-poll'
  constructor(readonly pollId: number) {
    super(MgClosePollEvent.eventName)
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'mg-close-poll': MgClosePollEvent
  }
}
