/** Fired by the language switch with the interface language the reader chose. */
import { RequestEvent } from './request.ts'

export class MgChangeLocaleEvent extends RequestEvent {
  static readonly eventName = 'mg-change-locale'
  constructor(readonly locale: string) {
    super(MgChangeLocaleEvent.eventName)
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'mg-change-locale': MgChangeLocaleEvent
  }
}
