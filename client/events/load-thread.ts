/** Fired to load a paragraph's thread again after it failed to load. */
export class MgLoadThreadEvent extends Event {
  static readonly eventName = 'mg-load-thread'
  constructor(readonly anchor: string) {
    super(MgLoadThreadEvent.eventName, { bubbles: true, composed: true })
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'mg-load-thread': MgLoadThreadEvent
  }
}
