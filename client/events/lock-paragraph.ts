/** Fired when a moderator locks a paragraph's thread (readable, not answerable) or opens it again. */
import { RequestEvent } from './request.ts'

export class MgLockParagraphEvent extends RequestEvent<void> {
  static readonly eventName = 'mg-lock-paragraph'
  constructor(
    readonly anchor: string,
    readonly locked: boolean,
  ) {
    super(MgLockParagraphEvent.eventName)
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'mg-lock-paragraph': MgLockParagraphEvent
  }
}
