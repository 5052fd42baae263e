/** Fired when a moderator hides, unhides, pins, unpins, deletes or removes a comment. */
import type { CommentModeration } from '../services/types.ts'
import { RequestEvent } from './request.ts'

export class MgModerateEvent extends RequestEvent<void> {
  static readonly eventName = 'mg-moderate'
  constructor(
    readonly commentId: number,
    readonly action: CommentModeration,
    /** Shown to the author (hide) or kept in the log (remove). */
    readonly reason?: string,
  ) {
    super(MgModerateEvent.eventName)
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'mg-moderate': MgModerateEvent
  }
}
