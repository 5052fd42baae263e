/** Fired to start a seminar on an essay; answered with the new seminar and its join code, and the seminar opens. */
import type { Api } from '../services/api.ts'
import { createSeminar, type SeminarCreated } from '../services/seminar-api.ts'
import { SeminarCallEvent } from './seminar-call.ts'

export class MgCreateSeminarEvent extends SeminarCallEvent<SeminarCreated> {
  static readonly eventName = 'mg-create-seminar'
  constructor(readonly input: { essay: string; title: string; anonymous: boolean }) {
    super(MgCreateSeminarEvent.eventName)
  }

  send(api: Api): Promise<SeminarCreated> {
    return createSeminar(api, this.input)
  }

  override destination(created: SeminarCreated): string {
    return `/d/${created.debate.slug}`
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'mg-create-seminar': MgCreateSeminarEvent
  }
}
