/** Fired when a moderator stops watching one of the debate's words; awaits the outcome. */
import { RequestEvent } from './request.ts'

export class MgUnwatchWordEvent extends RequestEvent {
  static readonly eventName = 'mg-unwatch-word'
  constructor(readonly wordId: number) {
    super(MgUnwatchWordEvent.eventName)
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'mg-unwatch-word': MgUnwatchWordEvent
  }
}
