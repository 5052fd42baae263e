/**
 * The REST calls only the moderators' views make (the actions on a comment, the review
 * queue's decisions, the settings and paragraph locks, the log, the member list, mutes, moderators and bans,
 * watched words), kept out of the readers' bundle: they load with those views and go
 * through the page's API client, with its conventions and errors.
 */
import type { Api } from './api.ts'
import type {
  Comment,
  CommentModeration,
  DebateSettings,
  LogEntry,
  Member,
  MemberChange,
  QueueActionName,
  QueueItem,
  WatchAction,
  WatchedWord,
} from './types.ts'

const enc = encodeURIComponent

/** The debate's review queue: what was flagged or held back, and what came out of date. */
export async function queue(api: Api, slug: string): Promise<QueueItem[]> {
  return (await api.request<{ items: QueueItem[] }>('GET', `/api/debates/${enc(slug)}/moderation/queue`)).items
}

/** Hides, unhides, pins, unpins, deletes or removes a comment; answers with it as it now is (null once deleted). */
export async function moderate(api: Api, id: number, action: CommentModeration, reason?: string): Promise<Comment | null> {
  if (action === 'delete') {
    await api.remove(id)
    return null
  }
  const body = action === 'hide' || action === 'remove' ? { reason: reason ?? '' } : undefined
  return (await api.request<{ comment: Comment }>('POST', `/api/comments/${id}/${action}`, body)).comment
}

export async function updateSettings(api: Api, debate: string, patch: Partial<DebateSettings>): Promise<DebateSettings> {
  return (await api.request<{ settings: DebateSettings }>('PATCH', `/api/debates/${enc(debate)}/settings`, patch)).settings
}

/** Locks or unlocks a paragraph's thread; answers whether it is locked now. */
export async function lockParagraph(api: Api, debate: string, anchor: string, locked: boolean): Promise<boolean> {
  return (await api.request<{ locked: boolean }>('PUT', `/api/debates/${enc(debate)}/paragraphs/${enc(anchor)}/lock`, { locked })).locked
}

export async function moderationLog(api: Api, debate: string, action?: string): Promise<LogEntry[]> {
  const query = action ? `?action=${enc(action)}` : ''
  return (await api.request<{ entries: LogEntry[] }>('GET', `/api/debates/${enc(debate)}/moderation/log${query}`)).entries
}

export async function resolve(api: Api, item: number, action: QueueActionName, reason?: string, anchor?: string): Promise<QueueItem> {
  const body = { action, ...(reason ? { reason } : {}), ...(anchor ? { anchor } : {}) }
  return (await api.request<{ item: QueueItem }>('POST', `/api/moderation/queue/${item}`, body)).item
}

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
