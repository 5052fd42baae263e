/** Fired by the leader to take a participant's hand out of the queue. */
import { RequestEvent } from './request.ts'

export class MgRemoveHandEvent extends RequestEvent {
  static readonly eventName = 'mg-remove-hand'
  constructor(readonly entryId: number) {
    super(MgRemoveHandEvent.eventName)
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'mg-remove-hand': MgRemoveHandEvent
  }
}
