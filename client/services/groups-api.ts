/**
 * A seminar's small groups over REST, typed after the server's contract (server/schemas/groups.ts):
 * forming them, moving a participant, starting and ending group work, taking them apart, and
 * the comparison the projector shows. Every change answers with the groups as they are now,
 * which also come to every member as the live `groups.changed`.
 */
import type { Api } from './api.ts'
import type { Comparison, FormGroups, Groups } from './types.ts'

const path = (debate: string, rest = '') => `/api/debates/${encodeURIComponent(debate)}/groups${rest}`

export function formGroups(api: Api, debate: string, form: FormGroups): Promise<Groups> {
  return api.request('PUT', path(debate), form)
}

export function moveToGroup(api: Api, debate: string, userId: number, group: number | null): Promise<Groups> {
  return api.request('PUT', path(debate, `/members/${userId}`), { group })
}

export function setGroupState(api: Api, debate: string, state: 'working' | 'plenum'): Promise<Groups> {
  return api.request('PUT', path(debate, '/state'), { state })
}

export function disbandGroups(api: Api, debate: string): Promise<Groups> {
  return api.request('DELETE', path(debate))
}

export function comparison(api: Api, debate: string): Promise<Comparison> {
  return api.request('GET', path(debate, '/comparison'))
}
