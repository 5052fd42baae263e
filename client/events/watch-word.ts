/** Fired when a moderator adds a watched word to the debate; answered with the word as stored. */
import type { Api, WatchAction, WatchedWord } from '../services/api.ts'
import { watchWord } from '../services/moderation-api.ts'
import { ModeratorCallEvent } from './moderator-call.ts'

export class MgWatchWordEvent extends ModeratorCallEvent<WatchedWord> {
  static readonly eventName = 'mg-watch-word'
  constructor(
    readonly pattern: string,
    readonly action: WatchAction,
  ) {
    super(MgWatchWordEvent.eventName)
  }

  send(api: Api, debate: string): Promise<WatchedWord> {
    return watchWord(api, debate, this.pattern, this.action)
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'mg-watch-word': MgWatchWordEvent
  }
}
