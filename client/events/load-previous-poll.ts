/** Fired when an "after" round is open and the round before it, with the participant's vote, is not known yet. */
import { RequestEvent } from './request.ts'

export class MgLoadPreviousPollEvent extends RequestEvent {
  static readonly eventName = 'mg-load-previous-poll'
  constructor(readonly pollId: number) {
    super(MgLoadPreviousPollEvent.eventName)
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'mg-load-previous-poll': MgLoadPreviousPollEvent
  }
}
