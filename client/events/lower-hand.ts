/** Fired when the participant lowers their raised hand. */
import { RequestEvent } from './request.ts'

export class MgLowerHandEvent extends RequestEvent {
  static readonly eventName = 'mg-lower-hand'
  constructor() {
    super(MgLowerHandEvent.eventName)
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'mg-lower-hand': MgLowerHandEvent
  }
}
