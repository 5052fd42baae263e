/** Fired when a moderator stops watching one of the debate's words; awaits the outcome. */
import type { Api } from '../services/api.ts'
import { unwatchWord } from '../services/moderation-api.ts'
import { ModeratorCallEvent } from './moderator-call.ts'

export class MgUnwatchWordEvent extends ModeratorCallEvent<void> {
  static readonly eventName = 'mg-unwatch-word'
  constructor(readonly wordId: number) {
    super(MgUnwatchWordEvent.eventName)
  }

  send(api: Api, debate: string): Promise<void> {
    return unwatchWord(api, debate, this.wordId)
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'mg-unwatch-word': MgUnwatchWordEvent
  }
}
