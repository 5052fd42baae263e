/** Fired by the essay when the paragraph in the middle of the screen changes (null: none). */
import { RequestEvent } from './request.ts'

export class MgViewParagraphEvent extends RequestEvent {
  static readonly eventName = 'mg-view-paragraph'
  constructor(readonly anchor: string | null) {
    super(MgViewParagraphEvent.eventName)
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'mg-view-paragraph': MgViewParagraphEvent
  }
}
