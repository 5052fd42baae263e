/** Fired by the record's view for the open debate's record, which comes back through the store. */
import type { RecordResponse } from '../services/types.ts'
import { RequestEvent } from './request.ts'

export class MgLoadRecordEvent extends RequestEvent<RecordResponse> {
  static readonly eventName = 'mg-load-record'
  constructor() {
    super(MgLoadRecordEvent.eventName)
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'mg-load-record': MgLoadRecordEvent
  }
}
