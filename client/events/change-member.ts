/** Fired by the members' views to appoint, dismiss, mute, unmute, ban or unban a member of the debate. */
import type { MemberChange } from '../services/types.ts'
import { RequestEvent } from './request.ts'

export class MgChangeMemberEvent extends RequestEvent {
  static readonly eventName = 'mg-change-member'
  constructor(
    readonly username: string,
    readonly change: MemberChange,
    /** For a mute: when it ends (ISO time); without it, indefinitely. */
    readonly until?: string,
  ) {
    super(MgChangeMemberEvent.eventName)
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'mg-change-member': MgChangeMemberEvent
  }
}
