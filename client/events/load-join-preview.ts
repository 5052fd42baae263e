/** Fired by the join page for what a code leads to (the seminar's title, whether it is anonymous). */
import type { Api } from '../services/api.ts'
import { joinPreview, type JoinPreview } from '../services/seminar-api.ts'
import { SeminarCallEvent } from './seminar-call.ts'

export class MgLoadJoinPreviewEvent extends SeminarCallEvent<JoinPreview> {
  static readonly eventName = 'mg-load-join-preview'
  constructor(readonly code: string) {
    super(MgLoadJoinPreviewEvent.eventName)
  }

  send(api: Api): Promise<JoinPreview> {
    return joinPreview(api, this.code)
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'mg-load-join-preview': MgLoadJoinPreviewEvent
  }
}
