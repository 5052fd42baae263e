/** Fired when the reader takes or changes their own position on a paragraph. */
import type { PositionStance } from '../services/api.ts'

export class MgSetPositionEvent extends Event {
  static readonly eventName = 'mg-set-position'
  constructor(
    readonly anchor: string,
    readonly stance: PositionStance,
  ) {
    super(MgSetPositionEvent.eventName, { bubbles: true, composed: true })
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'mg-set-position': MgSetPositionEvent
  }
}
