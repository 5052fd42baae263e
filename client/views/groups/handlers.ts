/**
 * The handlers of the groups' views, which load with them. Each change's answer (the groups as they are now) goes into
 * the room at once, ahead of its live `groups.changed`, which then changes nothing further.
 */
import { openDebate, type Context, type Handlers } from '../../handlers/context.ts'
import * as api from '../../services/groups-api.ts'
import type { Groups } from '../../services/types.ts'
import { groupsChanged, showGroup } from '../../state/seminar.ts'

function held(context: Context, groups: Groups): Groups {
  context.store.update((s) => groupsChanged(s, groups, s.user?.id ?? null))
  return groups
}

export const groupHandlers: Handlers = {
  'mg-form-groups': async (e, c) => held(c, await api.formGroups(c.api, openDebate(c), e.form)),
  'mg-move-to-group': async (e, c) => held(c, await api.moveToGroup(c.api, openDebate(c), e.userId, e.group)),
  'mg-set-group-state': async (e, c) => held(c, await api.setGroupState(c.api, openDebate(c), e.state)),
  'mg-disband-groups': async (_e, c) => held(c, await api.disbandGroups(c.api, openDebate(c))),
  'mg-load-comparison': (_e, c) => api.comparison(c.api, openDebate(c)),
  'mg-show-group': (e, c) => c.store.update((s) => showGroup(s, e.group)),
}
