/** Fired by the leader to give the floor to the next raised hand, with a speaking time when `seconds` is given. */
import type { QueueState, Timer } from '../services/types.ts'
import { RequestEvent } from './request.ts'

export class MgNextSpeakerEvent extends RequestEvent<QueueState & { timer: Timer | null }> {
  static readonly eventName = 'mg-next-speaker'
  constructor(readonly seconds?: number) {
    super(MgNextSpeakerEvent.eventName)
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'mg-next-speaker': MgNextSpeakerEvent
  }
}
