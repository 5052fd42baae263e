/** Fired to delete one's own comment; its replies stay in place under a placeholder. */
import { RequestEvent } from './request.ts'

export class MgDeleteCommentEvent extends RequestEvent<void> {
  static readonly eventName = 'mg-delete-comment'
  constructor(readonly commentId: number) {
    super(MgDeleteCommentEvent.eventName)
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'mg-delete-comment': MgDeleteCommentEvent
  }
}
