/** Fired by a paragraph's marker or its thread to open or close the thread. */
export class MgToggleThreadEvent extends Event {
  static readonly eventName = 'mg-toggle-thread'
  constructor(
    readonly anchor: string,
    readonly open: boolean,
  ) {
    super(MgToggleThreadEvent.eventName, { bubbles: true, composed: true })
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'mg-toggle-thread': MgToggleThreadEvent
  }
}
