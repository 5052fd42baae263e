/** Fired by the language switch with the interface language the reader chose. */
export class MgChangeLocaleEvent extends Event {
  static readonly eventName = 'mg-change-locale'
  constructor(readonly locale: string) {
    super(MgChangeLocaleEvent.eventName, { bubbles: true, composed: true })
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'mg-change-locale': MgChangeLocaleEvent
  }
}
