/** Fired to go to another page of the application without reloading (e.g. the join page for a code). */
import { RequestEvent } from './request.ts'

export class MgNavigateEvent extends RequestEvent {
  static readonly eventName = 'mg-navigate'
  constructor(readonly path: string) {
    super(MgNavigateEvent.eventName)
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'mg-navigate': MgNavigateEvent
  }
}
