/** Fired by the form that starts a seminar on an essay; answered with the new seminar, which the page then opens. */
import type { SeminarCreated } from '../services/types.ts'
import { RequestEvent } from './request.ts'

export class MgCreateSeminarEvent extends RequestEvent<SeminarCreated> {
  static readonly eventName = 'mg-create-seminar'
  constructor(readonly input: { essay: string; title: string; anonymous: boolean }) {
    super(MgCreateSeminarEvent.eventName)
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'mg-create-seminar': MgCreateSeminarEvent
  }
}
