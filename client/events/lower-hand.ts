/** Fired when the participant lowers their raised hand. */
import { msg } from '@lit/localize'
import type { Api } from '../services/api.ts'
import { lowerHand } from '../services/seminar-api.ts'
import { queueChanged } from '../state/seminar.ts'
import type { AppState } from '../state/store.ts'
import { SeminarCallEvent } from './seminar-call.ts'

export class MgLowerHandEvent extends SeminarCallEvent<void> {
  static readonly eventName = 'mg-lower-hand'
  constructor() {
    super(MgLowerHandEvent.eventName)
  }

  send(api: Api, debate: string): Promise<void> {
    return lowerHand(api, debate)
  }

  override apply(state: AppState): AppState {
    const room = state.seminar.room
    const me = state.user?.id
    return room ? queueChanged(state, room.queue.filter((e) => e.user.id !== me), room.speaker) : state
  }

  override announcement(): string {
    return msg('Your hand is lowered.')
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'mg-lower-hand': MgLowerHandEvent
  }
}
