/** Fired when the participant raises their hand to speak on a paragraph (replacing a hand already raised). */
import { msg } from '@lit/localize'
import type { Api } from '../services/api.ts'
import { raiseHand, type QueueEntry, type QueueState, type SpeakerKind } from '../services/seminar-api.ts'
import { queueChanged } from '../state/seminar.ts'
import type { AppState } from '../state/store.ts'
import { SeminarCallEvent } from './seminar-call.ts'

type Raised = QueueState & { entry: QueueEntry }

export class MgRaiseHandEvent extends SeminarCallEvent<Raised> {
  static readonly eventName = 'mg-raise-hand'
  constructor(
    readonly anchor: string,
    readonly kind: SpeakerKind,
  ) {
    super(MgRaiseHandEvent.eventName)
  }

  send(api: Api, debate: string): Promise<Raised> {
    return raiseHand(api, debate, this.anchor, this.kind)
  }

  override apply(state: AppState, raised: Raised): AppState {
    return queueChanged(state, raised.queue, raised.speaker)
  }

  override announcement(): string {
    return msg('Your hand is raised.')
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'mg-raise-hand': MgRaiseHandEvent
  }
}
