/** Fired by a composer to post an argument or a reply; the outcome is the stored comment. */
import type { Comment, NewComment } from '../services/types.ts'
import { RequestEvent } from './request.ts'

export class MgPostCommentEvent extends RequestEvent<Comment> {
  static readonly eventName = 'mg-post-comment'
  constructor(
    readonly anchor: string,
    readonly input: NewComment,
  ) {
    super(MgPostCommentEvent.eventName)
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'mg-post-comment': MgPostCommentEvent
  }
}
