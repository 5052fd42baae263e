/** Fired when the participant raises their hand to speak on a paragraph (replacing a hand already raised). */
import type { QueueEntry, QueueState, SpeakerKind } from '../services/types.ts'
import { RequestEvent } from './request.ts'

export class MgRaiseHandEvent extends RequestEvent<QueueState & { entry: QueueEntry }> {
  static readonly eventName = 'mg-raise-hand'
  constructor(
    readonly anchor: string,
    readonly kind: SpeakerKind,
  ) {
    super(MgRaiseHandEvent.eventName)
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'mg-raise-hand': MgRaiseHandEvent
  }
}
