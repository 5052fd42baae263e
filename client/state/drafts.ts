/**
 * Composer drafts, kept in localStorage until the server confirms the post, so that neither
 * a failed request (offline, 429, 5xx) nor a reload loses what a reader wrote. A draft keeps
 * its `clientKey` for its whole life: sending it again after an unclear failure returns the
 * comment the first attempt created instead of posting a duplicate.
 */
import type { Stance } from '../services/types.ts'
import { randomId } from '../services/ids.ts'

export interface Draft {
  body: string
  stance: Stance | null
  clientKey: string
}

const PREFIX = 'mg:draft:'

/** Drafts are per debate, paragraph and parent comment (`null` for a new argument). */
export function draftKey(debate: string, anchor: string, parentId: number | null): string {
  return `${PREFIX}${debate}:${anchor}:${parentId ?? 'root'}`
}

export function loadDraft(key: string): Draft {
  try {
    const raw = storage()?.getItem(key)
    if (raw) {
      const data = JSON.parse(raw) as Partial<Draft>
      if (typeof data.body === 'string' && typeof data.clientKey === 'string') {
        const stance = data.stance === 'pro' || data.stance === 'contra' || data.stance === 'neutral' ? data.stance : null
        return { body: data.body, stance, clientKey: data.clientKey }
      }
    }
  } catch {
    // A corrupt or unreadable entry is as good as none.
  }
  return { body: '', stance: null, clientKey: randomId() }
}

export function saveDraft(key: string, draft: Draft): void {
  try {
    if (draft.body === '' && draft.stance === null) storage()?.removeItem(key)
    else storage()?.setItem(key, JSON.stringify(draft))
  } catch {
    // Storage full or disabled (private mode): the draft lives on in the composer.
  }
}

export function clearDraft(key: string): void {
  try {
    storage()?.removeItem(key)
  } catch {
    // Nothing to clear when storage is unavailable.
  }
}

function storage(): Storage | null {
  try {
    return globalThis.localStorage ?? null
  } catch {
    return null
  }
}
