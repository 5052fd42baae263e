/** Fired by the moderators' member list for the debate's members. */
import type { Member } from '../services/types.ts'
import { RequestEvent } from './request.ts'

export class MgLoadMembersEvent extends RequestEvent<Member[]> {
  static readonly eventName = 'mg-load-members'
  constructor() {
    super(MgLoadMembersEvent.eventName)
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'mg-load-members': MgLoadMembersEvent
  }
}
