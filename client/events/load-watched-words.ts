/** Fired by the moderators' watched-words view for the debate's watched words. */
import type { WatchedWord } from '../services/types.ts'
import { RequestEvent } from './request.ts'

export class MgLoadWatchedWordsEvent extends RequestEvent<WatchedWord[]> {
  static readonly eventName = 'mg-load-watched-words'
  constructor() {
    super(MgLoadWatchedWordsEvent.eventName)
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'mg-load-watched-words': MgLoadWatchedWordsEvent
  }
}
