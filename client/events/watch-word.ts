/** Fired when a moderator adds a watched word to the debate; answered with the word as stored. */
import type { WatchAction, WatchedWord } from '../services/types.ts'
import { RequestEvent } from './request.ts'

export class MgWatchWordEvent extends RequestEvent<WatchedWord> {
  static readonly eventName = 'mg-watch-word'
  constructor(
    readonly pattern: string,
    readonly action: WatchAction,
  ) {
    super(MgWatchWordEvent.eventName)
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'mg-watch-word': MgWatchWordEvent
  }
}
