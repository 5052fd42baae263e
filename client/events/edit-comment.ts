/** Fired to replace the wording of one's own comment; the outcome is the edited comment. */
import type { Comment } from '../services/types.ts'
import { RequestEvent } from './request.ts'

export class MgEditCommentEvent extends RequestEvent<Comment> {
  static readonly eventName = 'mg-edit-comment'
  constructor(
    readonly commentId: number,
    readonly body: string,
  ) {
    super(MgEditCommentEvent.eventName)
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'mg-edit-comment': MgEditCommentEvent
  }
}
