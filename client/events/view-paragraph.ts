/** Fired by the essay when the paragraph in the middle of the screen changes (null: none). */
export class MgViewParagraphEvent extends Event {
  static readonly eventName = 'mg-view-paragraph'
  constructor(readonly anchor: string | null) {
    super(MgViewParagraphEvent.eventName, { bubbles: true, composed: true })
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'mg-view-paragraph': MgViewParagraphEvent
  }
}
