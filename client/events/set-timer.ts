/** Fired by the leader to start the timer for `seconds`, or to stop it (null); answered with the timer now running. */
import type { Timer } from '../services/types.ts'
import { RequestEvent } from './request.ts'

export class MgSetTimerEvent extends RequestEvent<Timer | null> {
  static readonly eventName = 'mg-set-timer'
  constructor(readonly seconds: number | null) {
    super(MgSetTimerEvent.eventName)
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'mg-set-timer': MgSetTimerEvent
  }
}
