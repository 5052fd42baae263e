/** Fired when a reader flags someone else's comment for the moderators. */
import type { FlagReason } from '../services/types.ts'
import { RequestEvent } from './request.ts'

export class MgFlagEvent extends RequestEvent<void> {
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
