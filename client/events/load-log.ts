/** Fired when a moderator opens or filters the moderation log; answered with its entries. */
import type { LogEntry } from '../services/types.ts'
import { RequestEvent } from './request.ts'

export class MgLoadLogEvent extends RequestEvent<LogEntry[]> {
  static readonly eventName = 'mg-load-log'
  constructor(
    /** One kind of action only, e.g. "hide"; all when empty. */
    readonly action: string,
  ) {
    super(MgLoadLogEvent.eventName)
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'mg-load-log': MgLoadLogEvent
  }
}
