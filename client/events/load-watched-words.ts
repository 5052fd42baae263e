/** Fired when a moderator opens the watched words; answered with the debate's and the site's. */
import type { Api, WatchedWord } from '../services/api.ts'
import { watchedWords } from '../services/moderation-api.ts'
import { ModeratorCallEvent } from './moderator-call.ts'

export class MgLoadWatchedWordsEvent extends ModeratorCallEvent<WatchedWord[]> {
  static readonly eventName = 'mg-load-watched-words'
  constructor() {
    super(MgLoadWatchedWordsEvent.eventName)
  }

  send(api: Api, debate: string): Promise<WatchedWord[]> {
    return watchedWords(api, debate)
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'mg-load-watched-words': MgLoadWatchedWordsEvent
  }
}
