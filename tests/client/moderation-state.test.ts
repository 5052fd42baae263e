import { describe, expect, it } from 'vitest'
import type { Comment, QueueItem } from '../../client/services/types.ts'
import { debateLoaded, debateLoading } from '../../client/state/debate.ts'
import { applyLiveEvent } from '../../client/state/events.ts'
import { membersLoaded } from '../../client/state/members.ts'
import { queueItemResolved, queueLoaded } from '../../client/state/moderation-queue.ts'
import { initialState, type AppState } from '../../client/state/store.ts'
import { threadLoaded, threadLoading } from '../../client/state/threads.ts'
import { block, comment } from './helpers.ts'

const settings = { locked: false, slowModeSeconds: 0, preModeration: false, flagThreshold: 3 }

function loaded(comments: Comment[] = []): AppState {
  let s = debateLoading(initialState(), 'sora')
  s = debateLoaded(
    s,
    { slug: 'sora', title: 'Sora', state: 'open', visibility: 'public', seq: 10, settings, role: 'moderator' },
    { slug: 'sora', title: 'Sora', blocks: [block('p-1'), block('p-2')] },
  )
  return threadLoaded(threadLoading(s, 'p-1'), 'p-1', comments)
}

const item = (id: number): QueueItem => ({
  id,
  kind: 'flagged',
  comment: comment({ anchor: 'p-1' }),
  flags: [],
  createdAt: '2025-10-01T12:00:00.000Z',
  resolvedAt: null,
  resolution: null,
})

describe('moderation in the state', () => {
  it('counts the open queue, follows the live count, and drops a settled item', () => {
    let s = queueLoaded(loaded(), [item(1), item(2), { ...item(3), resolvedAt: '2025-10-01T13:00:00.000Z' }])
    expect(s.moderation.items.map((i) => i.id)).toEqual([1, 2])
    expect(s.moderation.size).toBe(2)
    s = applyLiveEvent(s, { type: 'moderation.queue', debate: 'sora', seq: 11, size: 5 })
    expect(s.moderation.size).toBe(5)
    s = queueItemResolved(s, 1)
    expect(s.moderation.items.map((i) => i.id)).toEqual([2])
    expect(s.moderation.size).toBe(4)
  })

  it('marks the member lists stale on a member change sent live, once per event, and leaves that alone when the queue loads', () => {
    let s = membersLoaded(membersLoaded(loaded(), 'members', []), 'roster', [])
    expect([s.members.members.stale, s.members.roster.stale]).toEqual([false, false])
    const changed = {
      type: 'member.updated' as const,
      debate: 'sora',
      seq: 11,
      user: { id: 7, username: 'paul' },
      role: 'participant' as const,
      muted: false,
      mutedUntil: null,
    }
    s = applyLiveEvent(s, changed)
    expect([s.members.members.stale, s.members.roster.stale]).toEqual([true, true])
    s = membersLoaded(membersLoaded(s, 'members', []), 'roster', [])
    s = applyLiveEvent(s, changed)
    expect([s.members.members.stale, s.members.roster.stale]).toEqual([false, false])
    s = applyLiveEvent(s, { ...changed, seq: 12 })
    s = queueLoaded(s, [item(1)])
    expect([s.members.members.stale, s.members.roster.stale]).toEqual([true, true])
  })

  it('replaces a comment hidden live with the placeholder the reader may see', () => {
    const c = comment({ id: 40, anchor: 'p-1', body: 'Beleidigung' })
    const placeholder = { ...c, body: null, hidden: true }
    const s = applyLiveEvent(loaded([c]), { type: 'comment.hidden', debate: 'sora', seq: 11, anchor: 'p-1', comment: placeholder })
    expect(s.threads['p-1']!.comments).toEqual([placeholder])
  })

  it('applies pins, paragraph locks and debate settings sent live', () => {
    const c = comment({ id: 41, anchor: 'p-1' })
    let s = applyLiveEvent(loaded([c]), { type: 'comment.pinned', debate: 'sora', seq: 11, anchor: 'p-1', commentId: 41, pinned: true })
    expect(s.threads['p-1']!.comments[0]!.pinned).toBe(true)
    s = applyLiveEvent(s, { type: 'paragraph.locked', debate: 'sora', seq: 12, anchor: 'p-2', locked: true })
    expect(s.debate!.essay!.blocks.map((b) => b.locked ?? false)).toEqual([false, true])
    s = applyLiveEvent(s, { type: 'debate.settings', debate: 'sora', seq: 13, settings: { ...settings, locked: true } })
    expect(s.debate!.info!.state).toBe('locked')
    expect(s.debate!.info!.settings!.locked).toBe(true)
  })
})
