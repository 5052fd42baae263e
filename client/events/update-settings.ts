/** Fired when a moderator changes the debate's settings (lock, slow mode, pre-moderation, flag threshold). */
import type { DebateSettings } from '../services/api.ts'
import { RespondableEvent } from './respondable.ts'

export class MgUpdateSettingsEvent extends RespondableEvent<void> {
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
