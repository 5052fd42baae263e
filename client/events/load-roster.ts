/** Fired by the leader's roster for the seminar's members. */
import type { RosterMember } from '../services/types.ts'
import { RequestEvent } from './request.ts'

export class MgLoadRosterEvent extends RequestEvent<RosterMember[]> {
  static readonly eventName = 'mg-load-roster'
  constructor() {
    super(MgLoadRosterEvent.eventName)
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'mg-load-roster': MgLoadRosterEvent
  }
}
