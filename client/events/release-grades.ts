/** Fired by the leader to release the marks to the participants, or to take them back. */
import { RequestEvent } from './request.ts'

export class MgReleaseGradesEvent extends RequestEvent {
  static readonly eventName = 'mg-release-grades'
  constructor(readonly released: boolean) {
    super(MgReleaseGradesEvent.eventName)
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'mg-release-grades': MgReleaseGradesEvent
  }
}
