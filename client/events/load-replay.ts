/** Fired when a leader opens the record's replay; answered with the debate's log, each event with its time. */
import type { LoggedEvent } from '../services/types.ts'
import { RequestEvent } from './request.ts'

export class MgLoadReplayEvent extends RequestEvent<LoggedEvent[]> {
  static readonly eventName = 'mg-load-replay'
  constructor() {
    super(MgLoadReplayEvent.eventName)
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'mg-load-replay': MgLoadReplayEvent
  }
}
