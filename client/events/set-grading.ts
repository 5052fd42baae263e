/** Fired by the leader to set what earns full marks in the seminar. */
import type { GradingRule } from '../services/types.ts'
import { RequestEvent } from './request.ts'

export class MgSetGradingEvent extends RequestEvent {
  static readonly eventName = 'mg-set-grading'
  constructor(readonly rule: GradingRule) {
    super(MgSetGradingEvent.eventName)
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'mg-set-grading': MgSetGradingEvent
  }
}
