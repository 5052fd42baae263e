/** Fired when a moderator changes the debate's settings (lock, slow mode, pre-moderation, flag threshold). */
import type { DebateSettings } from '../services/types.ts'
import { RequestEvent } from './request.ts'

export class MgUpdateSettingsEvent extends RequestEvent<void> {
  static readonly eventName = 'mg-update-settings'
  constructor(readonly patch: Partial<DebateSettings>) {
    super(MgUpdateSettingsEvent.eventName)
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'mg-update-settings': MgUpdateSettingsEvent
  }
}
