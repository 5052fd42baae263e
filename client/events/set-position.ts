/** Fired when the reader takes or changes their own position on a paragraph. */
import type { PositionStance } from '../services/types.ts'
import { RequestEvent } from './request.ts'

export class MgSetPositionEvent extends RequestEvent {
  static readonly eventName = 'mg-set-position'
  constructor(
    readonly anchor: string,
    readonly stance: PositionStance,
  ) {
    super(MgSetPositionEvent.eventName)
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'mg-set-position': MgSetPositionEvent
  }
}
