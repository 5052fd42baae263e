/** Fired when a moderator opens the member list, and again after each change to it; answered with the members. */
import type { Api, Member } from '../services/api.ts'
import { members } from '../services/moderation-api.ts'
import { ModeratorCallEvent } from './moderator-call.ts'

export class MgLoadMembersEvent extends ModeratorCallEvent<Member[]> {
  static readonly eventName = 'mg-load-members'
  constructor() {
    super(MgLoadMembersEvent.eventName)
  }

  send(api: Api, debate: string): Promise<Member[]> {
    return members(api, debate)
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'mg-load-members': MgLoadMembersEvent
  }
}
