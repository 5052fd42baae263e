import type { Stance } from '../services/api.ts'

/** Fired by a composer while the reader writes an argument; the live connection throttles it. */
export class MgTypingEvent extends Event {
  static readonly eventName = 'mg-typing'
  constructor(
    readonly anchor: string,
    readonly stance: Stance,
  ) {
    super(MgTypingEvent.eventName, { bubbles: true, composed: true })
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'mg-typing': MgTypingEvent
  }
}
