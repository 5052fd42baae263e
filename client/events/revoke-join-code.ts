/** Fired by the leader to stop the join code from working; nobody new can join. */
import { RequestEvent } from './request.ts'

export class MgRevokeJoinCodeEvent extends RequestEvent {
  static readonly eventName = 'mg-revoke-join-code'
  constructor() {
    super(MgRevokeJoinCodeEvent.eventName)
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'mg-revoke-join-code': MgRevokeJoinCodeEvent
  }
}
