/**
 * The REST calls only the moderators' views make (the member list, mutes, moderators and
 * bans, watched words), kept out of the readers' bundle: they load with those views and go
 * through the page's API client, with its conventions and errors.
 */
import type { Api } from './api.ts'
import type { Member, MemberChange, WatchAction, WatchedWord } from './types.ts'

const enc = encodeURIComponent

export async function members(api: Api, debate: string): Promise<Member[]> {
  return (await api.request<{ members: Member[] }>('GET', `/api/debates/${enc(debate)}/members`)).members
}

/** Appoints, dismisses, mutes (until a time, or indefinitely), unmutes, bans or unbans `username`. */
export async function changeMember(api: Api, debate: string, username: string, change: MemberChange, until?: string): Promise<void> {
  const kind = change.endsWith('ban') ? null : change.endsWith('mute') ? 'mutes' : 'moderators'
  const path = kind ? `/api/debates/${enc(debate)}/${kind}/${enc(username)}` : `/api/admin/bans/${enc(username)}`
  const on = change === 'appoint' || change === 'mute' || change === 'ban'
  await api.request(on ? 'PUT' : 'DELETE', path, change === 'mute' ? (until ? { until } : {}) : undefined)
}

export async function watchedWords(api: Api, debate: string): Promise<WatchedWord[]> {
  return (await api.request<{ words: WatchedWord[] }>('GET', `/api/debates/${enc(debate)}/watched-words`)).words
}

export async function watchWord(api: Api, debate: string, pattern: string, action: WatchAction): Promise<WatchedWord> {
  return (await api.request<{ word: WatchedWord }>('POST', `/api/debates/${enc(debate)}/watched-words`, { pattern, action })).word
}

export async function unwatchWord(api: Api, debate: string, id: number): Promise<void> {
  await api.request('DELETE', `/api/debates/${enc(debate)}/watched-words/${id}`)
}
