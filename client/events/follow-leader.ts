/** Fired when the participant turns following the leader's spotlight on or off. */
export class MgFollowLeaderEvent extends Event {
  static readonly eventName = 'mg-follow-leader'
  constructor(readonly follow: boolean) {
    super(MgFollowLeaderEvent.eventName, { bubbles: true, composed: true })
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'mg-follow-leader': MgFollowLeaderEvent
  }
}
