/** Fired when a reader flags someone else's comment for the moderators. */
import type { FlagReason } from '../services/api.ts'
import { RespondableEvent } from './respondable.ts'

export class MgFlagEvent extends RespondableEvent<void> {
  static readonly eventName = 'mg-flag'
  constructor(
    readonly commentId: number,
    readonly reason: FlagReason,
    /** Required for "other". */
    readonly note?: string,
  ) {
    super(MgFlagEvent.eventName)
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'mg-flag': MgFlagEvent
  }
}
