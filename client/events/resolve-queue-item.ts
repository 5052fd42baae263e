/** Fired when a moderator settles an item of the review queue. */
import type { QueueActionName } from '../services/types.ts'
import { RequestEvent } from './request.ts'

export class MgResolveQueueItemEvent extends RequestEvent<void> {
  static readonly eventName = 'mg-resolve-queue-item'
  constructor(
    readonly itemId: number,
    readonly action: QueueActionName,
    /** Required for hide and return. */
    readonly reason?: string,
    /** The paragraph to move an outdated comment to (reattach). */
    readonly anchor?: string,
  ) {
    super(MgResolveQueueItemEvent.eventName)
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'mg-resolve-queue-item': MgResolveQueueItemEvent
  }
}
