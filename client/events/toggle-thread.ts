/** Fired by a paragraph's marker or its thread to open or close the thread. */
import { RequestEvent } from './request.ts'

export class MgToggleThreadEvent extends RequestEvent {
  static readonly eventName = 'mg-toggle-thread'
  constructor(
    readonly anchor: string,
    readonly open: boolean,
  ) {
    super(MgToggleThreadEvent.eventName)
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'mg-toggle-thread': MgToggleThreadEvent
  }
}
