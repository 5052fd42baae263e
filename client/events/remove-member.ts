/** Fired by the leader to remove a participant from the seminar. */
import { RequestEvent } from './request.ts'

export class MgRemoveMemberEvent extends RequestEvent {
  static readonly eventName = 'mg-remove-member'
  constructor(readonly userId: number) {
    super(MgRemoveMemberEvent.eventName)
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'mg-remove-member': MgRemoveMemberEvent
  }
}
