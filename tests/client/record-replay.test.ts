import fc from 'fast-check'
import { html } from 'lit'
import { describe, expect, it } from 'vitest'
import type { Comment, LoggedEvent, RecordParagraph } from '../../client/services/types.ts'
import { recordHandlers } from '../../client/views/record/handlers.ts'
import '../../client/views/record/mg-record-replay/mg-record-replay.ts'
import type { MgRecordReplay } from '../../client/views/record/mg-record-replay/mg-record-replay.ts'
import { Replay } from '../../client/views/record/replay.ts'
import { answer, testContext, withDebate } from './handlers.ts'
import { comment, deepQuery, deepQueryAll, flush, textOf } from './helpers.ts'
import { fakeServer, renderInto, testHost } from './seminar-helpers.ts'

const SLUG = 'ethik-10b-x1y2z'
const START = Date.UTC(2026, 11, 4, 10, 0, 0)
const counts = (pro: number, contra = 0) => ({ comments: pro + contra, pro, contra, neutral: 0 })

/** A small seminar's log: phase, spotlight on p-2, two arguments and a reply, votes, a position, a hidden argument. */
function seminarLog(): LoggedEvent[] {
  const ada = comment({ id: 1, anchor: 'p-1', stance: 'pro', body: 'Debord sah es kommen.' })
  const ben = comment({ id: 2, anchor: 'p-1', stance: 'contra', body: 'Sora ist ein Werkzeug.', author: { id: 8, username: 'ben' } })
  const reply = comment({ id: 3, anchor: 'p-1', parentId: 1, depth: 1, stance: 'contra', body: 'Nicht ganz.' })
  const events: LoggedEvent['event'][] = [
    { type: 'phase.changed', debate: SLUG, seq: 1, phase: 'open' },
    { type: 'spotlight.changed', debate: SLUG, seq: 2, anchor: 'p-2' },
    { type: 'comment.created', debate: SLUG, seq: 3, anchor: 'p-1', comment: ada, counts: counts(1) },
    { type: 'comment.created', debate: SLUG, seq: 4, anchor: 'p-1', comment: ben, counts: counts(1, 1) },
    { type: 'comment.created', debate: SLUG, seq: 5, anchor: 'p-1', comment: reply, counts: { ...counts(1, 1), comments: 3 } },
    { type: 'comment.voted', debate: SLUG, seq: 6, anchor: 'p-1', commentId: 2, votes: 3 },
    { type: 'position.changed', debate: SLUG, seq: 7, anchor: 'p-1', positions: { pro: 0, contra: 1, undecided: 0 } },
    { type: 'comment.hidden', debate: SLUG, seq: 8, anchor: 'p-1', comment: { ...ben, hidden: true }, counts: counts(1) },
    { type: 'spotlight.changed', debate: SLUG, seq: 9, anchor: null },
  ]
  // One event every ten seconds.
  return events.map((event, i) => ({ at: new Date(START + i * 10_000).toISOString(), event }))
}

const paragraphs: RecordParagraph[] = ['p-1', 'p-2'].map((anchor, i) => ({
  anchor,
  number: i + 1,
  excerpt: `Absatz ${i + 1}`,
  text: `Der Text von Absatz ${i + 1}.`,
  counts: counts(0),
  positions: { pro: 0, contra: 0, undecided: 0 },
  groups: [],
  strongest: [],
}))

/** A long log of votes on many comments, to cross several checkpoints. */
function longLog(n: number): LoggedEvent[] {
  const comments: Comment[] = Array.from({ length: 20 }, (_, i) => comment({ id: 100 + i, anchor: i % 2 ? 'p-1' : 'p-2' }))
  const events: LoggedEvent[] = comments.map((c, i) => ({
    at: new Date(START + i).toISOString(),
    event: { type: 'comment.created', debate: SLUG, seq: i + 1, anchor: c.anchor, comment: c, counts: counts(i) },
  }))
  for (let i = comments.length; i < n; i++) {
    const votedOn = 100 + (i % 20)
    events.push({
      at: new Date(START + i * 1000).toISOString(),
      event: { type: 'comment.voted', debate: SLUG, seq: i + 1, anchor: 'p-1', commentId: votedOn, votes: i },
    })
  }
  return events
}

/** What a moment shows, in plain data, to compare two ways of reaching it. */
function seen(replay: Replay, n: number) {
  const m = replay.moment(n)
  return { ...m, comments: [...m.comments.entries()].sort(([a], [b]) => a - b) }
}

describe('the replay', () => {
  it('rebuilds the tallies, the spotlight and the comments as they stood after each event', () => {
    const replay = new Replay(seminarLog(), ['p-1', 'p-2'])
    expect(replay.moment(0).paragraphs['p-1']!.counts).toEqual(counts(0))
    expect(replay.moment(0).comments.size).toBe(0)
    const at2 = replay.moment(2)
    expect([at2.phase, at2.spotlight]).toEqual(['open', 'p-2'])
    const at7 = replay.moment(7)
    expect(at7.paragraphs['p-1']).toEqual({
      counts: { ...counts(1, 1), comments: 3 },
      positions: { pro: 0, contra: 1, undecided: 0 },
      locked: false,
    })
    expect(at7.comments.get(2)!.votes).toBe(3)
    const end = replay.moment(9)
    expect(end.paragraphs['p-1']!.counts).toEqual(counts(1))
    expect(end.comments.get(2)!.hidden).toBe(true)
    expect(end.spotlight).toBeNull()
    // Back again: the earlier moment is as it was.
    expect(replay.moment(7).comments.get(2)!.hidden).toBeFalsy()
    expect(replay.countAt(START + 25_000)).toBe(3)
  })

  it('reaches any moment of a long log the same way, however it was scrubbed there', () => {
    const log = longLog(900)
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 900 }), { minLength: 1, maxLength: 12 }), (stops) => {
        const scrubbed = new Replay(log, ['p-1', 'p-2'])
        for (const n of stops) expect(seen(scrubbed, n)).toEqual(seen(new Replay(log, ['p-1', 'p-2']), n))
      }),
      { numRuns: 30 },
    )
  })
})

/** The replay's view with the record's handlers answering over a fake server with `log`. */
async function replayView(log: LoggedEvent[]) {
  const server = fakeServer((method, path) =>
    method === 'GET' && path === `/api/debates/${SLUG}/record/log` ? { status: 200, body: { events: log } } : undefined,
  )
  const host = testHost()
  answer(host, recordHandlers, testContext(server.api, withDebate(SLUG)))
  const el = renderInto<MgRecordReplay>(host, html`<mg-record-replay .paragraphs=${paragraphs}></mg-record-replay>`)
  await flush(el)
  return { el, requests: server.requests }
}

const button = (el: Element, label: string) => deepQueryAll<HTMLButtonElement>(el, 'button').find((b) => b.textContent?.trim() === label)!

describe('mg-record-replay', () => {
  it('loads the log when opened, and shows the essay as it stood wherever it is scrubbed or stepped to', async () => {
    const { el, requests } = await replayView(seminarLog())
    expect(requests).toHaveLength(0)
    button(el, 'Open the replay').click()
    await flush(el)
    expect(requests).toEqual([{ method: 'GET', path: `/api/debates/${SLUG}/record/log`, body: undefined }])
    const scrub = deepQuery<HTMLInputElement>(el, 'input[type=range]')
    // From a second before the first event to the last, 80 seconds later.
    expect([scrub.min, scrub.max, scrub.value]).toEqual(['0', '81000', '0'])
    const text = () => textOf(el.shadowRoot!)
    expect(text()).toContain('0 of 9 events')
    expect(text()).toContain('0 arguments, 0 replies')
    expect(scrub.getAttribute('aria-valuetext')).toContain('0:00 of 1:21')
    scrub.dispatchEvent(new KeyboardEvent('keydown', { key: 'End' }))
    await flush(el)
    expect(text()).toContain('9 of 9 events')
    scrub.dispatchEvent(new KeyboardEvent('keydown', { key: 'PageDown' }))
    await flush(el)
    expect(text()).toContain('3 of 9 events')

    scrub.value = '66000'
    scrub.dispatchEvent(new Event('input'))
    await flush(el)
    expect(text()).toContain('7 of 9 events')
    expect(text()).toContain('Phase: Open · Spotlight on Paragraph 2')
    const first = deepQueryAll(el, 'ol.essay > li')[0]!
    expect(textOf(first)).toContain('2 arguments, 1 reply')
    expect(deepQueryAll(el, 'ol.essay > li.spotlit')).toHaveLength(1)
    const details = first.querySelector('details')!
    details.open = true
    details.dispatchEvent(new Event('toggle'))
    await flush(el)
    // Strongest first: Ben's argument had three votes by then.
    expect(Array.from(first.querySelectorAll('.body')).map((b) => b.textContent)).toEqual([
      'Sora ist ein Werkzeug.',
      'Debord sah es kommen.',
      'Nicht ganz.',
    ])

    button(el, 'Next event').click()
    await flush(el)
    expect(text()).toContain('8 of 9 events')
    // Hidden by then: the readers no longer saw it.
    expect(textOf(first)).toContain('1 argument, 1 reply')
    expect(textOf(first)).not.toContain('Sora ist ein Werkzeug.')
    button(el, 'Previous event').click()
    await flush(el)
    expect(text()).toContain('7 of 9 events')
  })

  it('says so when the log is empty', async () => {
    const { el } = await replayView([])
    button(el, 'Open the replay').click()
    await flush(el)
    expect(textOf(el.shadowRoot!)).toContain('The log holds no events to replay.')
    expect(deepQueryAll(el, 'input[type=range]')).toHaveLength(0)
  })
})
