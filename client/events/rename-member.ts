/** Fired by the leader to change the name a participant is shown by in the seminar. */
import { RequestEvent } from './request.ts'

export class MgRenameMemberEvent extends RequestEvent {
  static readonly eventName = 'mg-rename-member'
  constructor(
    readonly userId: number,
    readonly displayName: string,
  ) {
    super(MgRenameMemberEvent.eventName)
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'mg-rename-member': MgRenameMemberEvent
  }
}
