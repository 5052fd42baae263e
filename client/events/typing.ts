import type { Stance } from '../services/types.ts'
import { RequestEvent } from './request.ts'

/** Fired by a composer while the reader writes an argument; the live connection throttles it. */
export class MgTypingEvent extends RequestEvent {
  static readonly eventName = 'mg-typing'
  constructor(
    readonly anchor: string,
    readonly stance: Stance,
  ) {
    super(MgTypingEvent.eventName)
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'mg-typing': MgTypingEvent
  }
}
