/** Fired when a moderator appoints, dismisses, mutes, unmutes, bans or unbans a member; awaits the outcome. */
import type { Api, MemberChange } from '../services/api.ts'
import { changeMember } from '../services/moderation-api.ts'
import { ModeratorCallEvent } from './moderator-call.ts'

export class MgChangeMemberEvent extends ModeratorCallEvent<void> {
  static readonly eventName = 'mg-change-member'
  constructor(
    readonly username: string,
    readonly change: MemberChange,
    /** For a mute: when it ends (ISO time); without it, indefinitely. */
    readonly until?: string,
  ) {
    super(MgChangeMemberEvent.eventName)
  }

  send(api: Api, debate: string): Promise<void> {
    return changeMember(api, debate, this.username, this.change, this.until)
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'mg-change-member': MgChangeMemberEvent
  }
}
