/** Fired by the leader to spotlight a paragraph for the whole room, or to turn the spotlight off (null). */
import { RequestEvent } from './request.ts'

export class MgSetSpotlightEvent extends RequestEvent<string | null> {
  static readonly eventName = 'mg-set-spotlight'
  constructor(readonly anchor: string | null) {
    super(MgSetSpotlightEvent.eventName)
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'mg-set-spotlight': MgSetSpotlightEvent
  }
}
