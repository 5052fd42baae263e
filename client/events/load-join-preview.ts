/** Fired by the join page for what a join code opens (the seminar's title, whether guests may join). */
import type { JoinPreview } from '../services/types.ts'
import { RequestEvent } from './request.ts'

export class MgLoadJoinPreviewEvent extends RequestEvent<JoinPreview> {
  static readonly eventName = 'mg-load-join-preview'
  constructor(readonly code: string) {
    super(MgLoadJoinPreviewEvent.eventName)
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'mg-load-join-preview': MgLoadJoinPreviewEvent
  }
}
