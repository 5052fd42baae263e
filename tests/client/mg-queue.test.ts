import { html } from 'lit'
import { afterEach, describe, expect, it } from 'vitest'
import '../../client/views/moderator/mg-queue/mg-queue.ts'
import type { MgQueue } from '../../client/views/moderator/mg-queue/mg-queue.ts'
import type { MgResolveQueueItemEvent } from '../../client/events/resolve-queue-item.ts'
import type { Block, QueueItem } from '../../client/services/types.ts'
import { comment, deepQuery, deepQueryAll, fixture, flush, settle, textOf } from './helpers.ts'

const sent: MgResolveQueueItemEvent[] = []
const onResolve = (e: MgResolveQueueItemEvent) => {
  sent.push(e)
  e.respondWith(Promise.resolve())
}
document.addEventListener('mg-resolve-queue-item', onResolve)
afterEach(() => {
  sent.length = 0
})

let ids = 100
function item(overrides: Partial<QueueItem> = {}): QueueItem {
  return {
    id: ++ids,
    kind: 'flagged',
    comment: comment({ body: 'Wer Sora benutzt, ist ein Idiot.' }),
    flags: [{ reason: 'insulting', note: null, user: { id: 3, username: 'bea' }, createdAt: '2025-10-01T12:00:00.000Z' }],
    createdAt: '2025-10-01T12:00:00.000Z',
    resolvedAt: null,
    resolution: null,
    ...overrides,
  }
}

const block = (anchor: string, text: string): Block => ({
  anchor,
  kind: 'paragraph',
  text,
  counts: { comments: 0, pro: 0, contra: 0, neutral: 0 },
  positions: { pro: 0, contra: 0, undecided: 0 },
  myPosition: null,
})

const queue = (items: QueueItem[], blocks: Block[] = []) =>
  fixture<MgQueue>(html`<mg-queue .items=${items} status="ready" .blocks=${blocks}></mg-queue>`)

describe('mg-queue', () => {
  it('says when there is nothing to review', async () => {
    const el = await queue([])
    expect(textOf(el)).toBe('Nothing to review.')
  })

  it('shows each item with its kind, author, flags and text, and the decisions a moderator can take', async () => {
    const el = await queue([item(), item({ kind: 'outdated', flags: [] })])
    const entries = deepQueryAll(el, 'ol > li')
    expect(entries).toHaveLength(2)
    expect(textOf(entries[0]!)).toContain('Flagged: comment by ada')
    expect(textOf(entries[0]!)).toContain('insulting (bea)')
    expect(textOf(entries[0]!)).toContain('ist ein Idiot')
    const actions = (li: Element) => deepQueryAll<HTMLButtonElement>(li, 'button[data-action]').map((b) => b.dataset.action)
    expect(actions(entries[0]!)).toEqual(['keep', 'hide', 'delete', 'return'])
    expect(actions(entries[1]!)).toEqual(['keep', 'hide', 'delete', 'return', 'reattach'])
  })

  it('keeps at once, and asks the author’s reason before returning for revision', async () => {
    const [a, b] = [item(), item({ kind: 'held', flags: [] })]
    const el = await queue([a!, b!])
    const [first, second] = deepQueryAll(el, 'ol > li')
    deepQuery<HTMLButtonElement>(first!, 'button[data-action=keep]').click()
    await flush(el)
    expect(sent.map((e) => [e.itemId, e.action])).toEqual([[a!.id, 'keep']])

    deepQuery<HTMLButtonElement>(second!, 'button[data-action=return]').click()
    await settle(el)
    const form = deepQuery<HTMLFormElement>(second!, 'form')
    form.requestSubmit()
    await flush(el)
    expect(sent).toHaveLength(1)
    expect(textOf(second!)).toContain('Give a reason.')
    deepQuery<HTMLTextAreaElement>(second!, 'textarea').value = 'Bitte sachlich formulieren.'
    form.requestSubmit()
    await flush(el)
    expect(sent.map((e) => [e.itemId, e.action, e.reason])).toEqual([
      [a!.id, 'keep', undefined],
      [b!.id, 'return', 'Bitte sachlich formulieren.'],
    ])
  })

  it('reattaches an outdated comment to the paragraph chosen', async () => {
    const outdated = item({ kind: 'outdated', flags: [] })
    const el = await queue([outdated], [block('p-1', 'Erster Absatz'), block('p-2', 'Zweiter Absatz')])
    deepQuery<HTMLButtonElement>(el, 'button[data-action=reattach]').click()
    await settle(el)
    // The comment's own paragraph is not offered.
    expect(deepQueryAll<HTMLOptionElement>(el, 'option').map((o) => o.value)).toEqual(['p-2'])
    // Numbered as the essay numbers its paragraphs, although the first one is left out.
    expect(deepQuery<HTMLOptionElement>(el, 'option').textContent).toMatch(/^2\. Zweiter Absatz/)
    deepQuery<HTMLFormElement>(el, 'form').requestSubmit()
    await flush(el)
    expect(sent.map((e) => [e.action, e.anchor])).toEqual([['reattach', 'p-2']])
  })
})
