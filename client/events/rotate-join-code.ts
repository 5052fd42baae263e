/** Fired by the leader for a new join code; the old one stops working. */
import { RequestEvent } from './request.ts'

export class MgRotateJoinCodeEvent extends RequestEvent<{ joinCode: string; expiresAt: string }> {
  static readonly eventName = 'mg-rotate-join-code'
  constructor() {
    super(MgRotateJoinCodeEvent.eventName)
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'mg-rotate-join-code': MgRotateJoinCodeEvent
  }
}
