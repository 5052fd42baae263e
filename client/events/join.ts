/** Fired by the join page with a join code (and a guest's name); answered with the seminar joined, which the page then opens. */
import type { Joined } from '../services/types.ts'
import { RequestEvent } from './request.ts'

export class MgJoinEvent extends RequestEvent<Joined> {
  static readonly eventName = 'mg-join'
  constructor(
    readonly code: string,
    /** The name a guest goes by; absent when signed in. */
    readonly displayName?: string,
  ) {
    super(MgJoinEvent.eventName)
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'mg-join': MgJoinEvent
  }
}
