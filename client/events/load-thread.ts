/** Fired to load a paragraph's thread again after it failed to load. */
import { RequestEvent } from './request.ts'

export class MgLoadThreadEvent extends RequestEvent {
  static readonly eventName = 'mg-load-thread'
  constructor(readonly anchor: string) {
    super(MgLoadThreadEvent.eventName)
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'mg-load-thread': MgLoadThreadEvent
  }
}
