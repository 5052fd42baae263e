/** Fired when the participant turns following the leader's spotlight on or off. */
import { RequestEvent } from './request.ts'

export class MgFollowLeaderEvent extends RequestEvent {
  static readonly eventName = 'mg-follow-leader'
  constructor(readonly follow: boolean) {
    super(MgFollowLeaderEvent.eventName)
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'mg-follow-leader': MgFollowLeaderEvent
  }
}
