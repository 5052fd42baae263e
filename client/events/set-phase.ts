/** Fired by the leader to move the seminar into another phase; answered with the phase now in force. */
import type { Phase } from '../services/types.ts'
import { RequestEvent } from './request.ts'

export class MgSetPhaseEvent extends RequestEvent<Phase> {
  static readonly eventName = 'mg-set-phase'
  constructor(readonly phase: Phase) {
    super(MgSetPhaseEvent.eventName)
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'mg-set-phase': MgSetPhaseEvent
  }
}
