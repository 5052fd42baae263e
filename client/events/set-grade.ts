/** Fired by the leader to adjust one participant's mark and comment on it; both null: the computed mark counts. */
import { RequestEvent } from './request.ts'

export class MgSetGradeEvent extends RequestEvent {
  static readonly eventName = 'mg-set-grade'
  constructor(
    readonly userId: number,
    readonly adjusted: number | null,
    readonly comment: string | null,
  ) {
    super(MgSetGradeEvent.eventName)
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'mg-set-grade': MgSetGradeEvent
  }
}
