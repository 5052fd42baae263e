/** Fired by the leader's overview for the tallies and activity per paragraph and per member. */
import type { Overview } from '../services/types.ts'
import { RequestEvent } from './request.ts'

export class MgLoadOverviewEvent extends RequestEvent<Overview> {
  static readonly eventName = 'mg-load-overview'
  constructor() {
    super(MgLoadOverviewEvent.eventName)
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'mg-load-overview': MgLoadOverviewEvent
  }
}
