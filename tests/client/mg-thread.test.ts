import { html } from 'lit'
import { describe, expect, it } from 'vitest'
import '../../client/components/mg-thread/mg-thread.ts'
import type { MgComment } from '../../client/components/mg-comment/mg-comment.ts'
import type { MgThread } from '../../client/components/mg-thread/mg-thread.ts'
import type { MgToggleThreadEvent } from '../../client/events/toggle-thread.ts'
import type { Comment, User } from '../../client/services/types.ts'
import type { ThreadState } from '../../client/state/common.ts'
import { comment, deepQuery, deepQueryAll, fixture, settle, textOf } from './helpers.ts'

const at = (minute: number) => new Date(Date.UTC(2025, 9, 1, 12, minute)).toISOString()

// Two arguments, the older one strong, with a nested conversation under it.
const sample: Comment[] = [
  comment({ id: 1, stance: 'pro', votes: 5, createdAt: at(1), body: 'Old and strong' }),
  comment({ id: 2, stance: 'contra', votes: 1, createdAt: at(2), body: 'New and weak' }),
  comment({ id: 3, parentId: 1, depth: 1, stance: 'contra', votes: 1, createdAt: at(3), body: 'I object' }),
  comment({ id: 4, parentId: 3, depth: 2, stance: 'pro', createdAt: at(4), body: 'I support the objection' }),
  comment({ id: 5, parentId: 1, depth: 1, stance: 'neutral', createdAt: at(5), body: 'A remark' }),
  comment({ id: 6, stance: 'neutral', votes: 2, createdAt: at(6), body: 'Newest, neutral' }),
]

const reader: User = { id: 99, username: 'reader', isAdmin: false }

async function thread(comments: Comment[] = sample, user: User | null = reader) {
  const state: ThreadState = { status: 'ready', comments }
  return fixture<MgThread>(html`<mg-thread debate="sora" anchor="p-1" .number=${3} .thread=${state} .user=${user}></mg-thread>`)
}

/** The ids of the comments in reading order, with their nesting depth in the list. */
function outline(el: MgThread): [number, number][] {
  return deepQueryAll<MgComment>(el, 'mg-comment').map((c) => {
    let depth = 0
    for (let li = c.closest('li')?.parentElement?.closest('li'); li; li = li.parentElement?.closest('li')) depth++
    return [c.comment.id, depth]
  })
}

function pick(el: MgThread, name: string, value: string) {
  const radio = deepQuery<HTMLInputElement>(el, `input[name=${name}][value=${value}]`)
  radio.checked = true
  radio.dispatchEvent(new Event('change', { bubbles: true }))
}

describe('mg-thread', () => {
  it('nests each reply under its parent, newest argument first', async () => {
    const el = await thread()
    expect(outline(el)).toEqual([
      [6, 0],
      [2, 0],
      [1, 0],
      [3, 1],
      [4, 2],
      [5, 1],
    ])
  })

  it('marks stances with words: arguments pro/contra/neutral, replies supports/objects/remark', async () => {
    const el = await thread()
    const words = Object.fromEntries(deepQueryAll<MgComment>(el, 'mg-comment').map((c) => [c.comment.id, textOf(deepQuery(c, '.stance'))]))
    expect(words).toEqual({ 1: '+ Pro', 2: '− Contra', 3: '− Objects', 4: '+ Supports', 5: '○ Remark', 6: '○ Neutral' })
    for (const c of deepQueryAll<MgComment>(el, 'mg-comment')) {
      expect(deepQuery(c, '.stance').classList.contains(c.comment.stance)).toBe(true)
    }
  })

  it('sorts arguments by strength, keeping replies with their argument', async () => {
    const el = await thread()
    pick(el, 'sort', 'top')
    await settle(el)
    expect(outline(el).map(([id]) => id)).toEqual([1, 3, 4, 5, 6, 2])
  })

  it('filters arguments by stance and says how many are shown', async () => {
    const el = await thread()
    pick(el, 'filter', 'contra')
    await settle(el)
    expect(outline(el)).toEqual([[2, 0]])
    expect(textOf(deepQuery(el, '.count'))).toBe('1 of 3 arguments shown')
    pick(el, 'filter', 'pro')
    await settle(el)
    // A pro argument brings its whole conversation, whatever the replies' stances.
    expect(outline(el).map(([id]) => id)).toEqual([1, 3, 4, 5])
    pick(el, 'filter', 'all')
    await settle(el)
    expect(outline(el)).toHaveLength(6)
  })

  it('shows votes, authors and times', async () => {
    const el = await thread([comment({ id: 10, votes: 7, voted: true, author: { id: 3, username: 'grace' } })])
    const c = deepQuery<MgComment>(el, 'mg-comment')
    expect(textOf(deepQuery(c, '.author'))).toBe('grace')
    expect(deepQuery(c, '.votes').textContent).toBe('7')
    expect(deepQuery(c, '.vote').getAttribute('aria-pressed')).toBe('true')
    expect(deepQuery(c, 'time').getAttribute('datetime')).toBe(c.comment.createdAt)
    expect(deepQuery(c, 'a.permalink').getAttribute('href')).toBe('#c-10')
  })

  it('shows edited, deleted and outdated comments as such', async () => {
    const el = await thread([
      comment({ id: 20, editedAt: at(9), body: 'Changed' }),
      comment({ id: 21, deleted: true, body: null, author: { id: 4, username: 'gone' } }),
      comment({ id: 22, outdated: true, outdatedText: 'Die frühere Fassung des Absatzes.' }),
    ])
    const byId = (id: number) => deepQueryAll<MgComment>(el, 'mg-comment').find((c) => c.comment.id === id)!
    expect(textOf(byId(20))).toContain('edited')
    expect(textOf(byId(21))).toContain('This comment was deleted.')
    expect(textOf(byId(21))).not.toContain('gone')
    expect(deepQueryAll(byId(21), '.vote, .reply')).toHaveLength(0)
    expect(textOf(byId(22))).toContain('outdated')
    const quote = deepQuery(byId(22), '.outdated blockquote')
    expect(quote.textContent).toBe('Die frühere Fassung des Absatzes.')
    expect(quote.getAttribute('lang')).toBe('de')
  })

  it('asks to close when the close button is pressed', async () => {
    const el = await thread()
    const seen: MgToggleThreadEvent[] = []
    el.addEventListener('mg-toggle-thread', (e) => seen.push(e))
    deepQuery<HTMLButtonElement>(el, 'button.close').click()
    expect(seen.map((e) => [e.anchor, e.open])).toEqual([['p-1', false]])
  })

  it('fires a vote for another reader’s comment and refuses one for your own', async () => {
    const el = await thread([
      comment({ id: 30, author: { id: 1, username: 'other' } }),
      comment({ id: 31, author: { id: reader.id, username: reader.username } }),
    ])
    const votes: [number, number][] = []
    el.addEventListener('mg-vote', (e) => votes.push([e.commentId, e.value]))
    const [other, mine] = [30, 31].map((id) => deepQueryAll<MgComment>(el, 'mg-comment').find((c) => c.comment.id === id)!)
    deepQuery<HTMLButtonElement>(other!, '.vote').click()
    expect(votes).toEqual([[30, 1]])
    expect(deepQuery<HTMLButtonElement>(mine!, '.vote').disabled).toBe(true)
  })

  it('asks a signed-out reader to sign in instead of showing the composer', async () => {
    const el = await thread(sample, null)
    expect(deepQueryAll(el, 'mg-composer')).toHaveLength(0)
    const asked: string[] = []
    el.addEventListener('mg-request-sign-in', (e) => asked.push(e.mode))
    deepQueryAll<MgComment>(el, 'mg-comment')[0]!.querySelector<HTMLButtonElement>('.reply')!.click()
    expect(asked).toEqual(['login'])
  })

  it('does not invite the first argument where nobody may post', async () => {
    const state: ThreadState = { status: 'ready', comments: [] }
    const el = await fixture<MgThread>(
      html`<mg-thread debate="sora" anchor="p-1" .number=${3} .thread=${state} .user=${reader}></mg-thread>`,
    )
    expect(textOf(el)).toContain('No arguments yet. Be the first to make one.')
    el.phase = 'reading'
    await settle(el)
    expect(textOf(el)).toContain('Reading phase: read the essay first.')
    expect(textOf(el)).not.toContain('Be the first')
  })

  it('shows that it is loading, and offers a retry when loading failed', async () => {
    const loading = await fixture<MgThread>(html`<mg-thread anchor="p-1" .thread=${{ status: 'loading', comments: [] }}></mg-thread>`)
    expect(deepQuery(loading, '[aria-busy=true]').textContent).toContain('Loading arguments')
    const failed = await fixture<MgThread>(html`<mg-thread anchor="p-1" .thread=${{ status: 'error', comments: [] }}></mg-thread>`)
    const retried: string[] = []
    failed.addEventListener('mg-load-thread', (e) => retried.push(e.anchor))
    deepQuery<HTMLButtonElement>(failed, '.status button').click()
    expect(retried).toEqual(['p-1'])
  })
})
