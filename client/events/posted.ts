/** Fired by a composer once the server has stored what it sent. */
import type { Comment } from '../services/types.ts'

export class MgPostedEvent extends Event {
  static readonly eventName = 'mg-posted'
  constructor(readonly comment: Comment) {
    super(MgPostedEvent.eventName, { bubbles: true, composed: true })
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'mg-posted': MgPostedEvent
  }
}
