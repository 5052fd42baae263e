/**
 * The requests of a seminar's group work, fired by the leaders' groups panel and the
 * projector's comparison: forming the groups, moving a participant, starting or ending group
 * work, taking the groups apart, loading the comparison, and a leader's choice of one group to see. The groups each change leaves
 * come back through the live `groups.changed` too.
 */
import type { Comparison, FormGroups, Groups } from '../services/types.ts'
import { RequestEvent } from './request.ts'

export class MgFormGroupsEvent extends RequestEvent<Groups> {
  static readonly eventName = 'mg-form-groups'
  constructor(readonly form: FormGroups) {
    super(MgFormGroupsEvent.eventName)
  }
}

export class MgMoveToGroupEvent extends RequestEvent<Groups> {
  static readonly eventName = 'mg-move-to-group'
  constructor(
    readonly userId: number,
    /** The group's id; null: in none. */
    readonly group: number | null,
  ) {
    super(MgMoveToGroupEvent.eventName)
  }
}

export class MgSetGroupStateEvent extends RequestEvent<Groups> {
  static readonly eventName = 'mg-set-group-state'
  constructor(readonly state: 'working' | 'plenum') {
    super(MgSetGroupStateEvent.eventName)
  }
}

export class MgDisbandGroupsEvent extends RequestEvent<Groups> {
  static readonly eventName = 'mg-disband-groups'
  constructor() {
    super(MgDisbandGroupsEvent.eventName)
  }
}

/** A leader chooses to see one group's arguments alone in the threads (null: every group's). */
export class MgShowGroupEvent extends RequestEvent<void> {
  static readonly eventName = 'mg-show-group'
  constructor(readonly group: number | null) {
    super(MgShowGroupEvent.eventName)
  }
}

export class MgLoadComparisonEvent extends RequestEvent<Comparison> {
  static readonly eventName = 'mg-load-comparison'
  constructor() {
    super(MgLoadComparisonEvent.eventName)
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'mg-form-groups': MgFormGroupsEvent
    'mg-move-to-group': MgMoveToGroupEvent
    'mg-set-group-state': MgSetGroupStateEvent
    'mg-disband-groups': MgDisbandGroupsEvent
    'mg-load-comparison': MgLoadComparisonEvent
    'mg-show-group': MgShowGroupEvent
  }
}
