import { html, render } from 'lit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
// The record's German messages, registered as its chunk registers them.
import '../../client/locales/record.ts'
import { startLocalization, type Localization } from '../../client/services/locale.ts'
import type { Participation, RecordParagraph, RecordResponse } from '../../client/services/types.ts'
import { applyLiveEvent } from '../../client/state/events.ts'
import '../../client/views/record/mg-record/mg-record.ts'
import type { MgRecord } from '../../client/views/record/mg-record/mg-record.ts'
import { recordHandlers } from '../../client/views/record/handlers.ts'
import { answer, testContext, withDebate } from './handlers.ts'
import { deepQuery, deepQueryAll, flush, textOf } from './helpers.ts'
import { fakeServer, testHost, type Route } from './seminar-helpers.ts'

const SLUG = 'ethik-10b-x1y2z'
const AT = '2026-12-04T10:00:00.000Z'

function row(id: number, name: string, overrides: Partial<Participation> = {}): Participation {
  return {
    person: { id, username: name.toLowerCase(), name, pseudonym: null, guest: true, role: 'participant' },
    group: null,
    arguments: 0,
    replies: 0,
    pro: 0,
    contra: 0,
    neutral: 0,
    votesGiven: 0,
    votesReceived: 0,
    positions: 0,
    pollVotes: 0,
    stanceShifts: 0,
    speakingTurns: 0,
    flagsReceived: 0,
    firstActivity: AT,
    lastActivity: AT,
    ...overrides,
  }
}

function record(overrides: Partial<RecordResponse> = {}): RecordResponse {
  return {
    debate: { slug: SLUG, title: 'Ethik 10b', seminar: true, phase: 'open', anonymous: false, createdAt: AT },
    scope: 'full',
    generatedAt: AT,
    timeline: [{ seq: 1, at: AT, type: 'phase', phase: 'open' }],
    polls: [],
    paragraphs: [],
    moderation: [],
    participation: [
      row(1, 'Ada', { arguments: 2, replies: 0 }),
      row(2, 'Ben', { arguments: 0, replies: 3 }),
      row(3, 'Cem', { arguments: 1, replies: 1 }),
    ],
    grading: { rule: null, releasedAt: null },
    ...overrides,
  }
}

/** The record's view rendered from the store, as the page does, with its handlers answering over a fake server. */
async function recordPage(route: Route) {
  const server = fakeServer(route)
  const context = testContext(server.api, withDebate(SLUG))
  const host = testHost()
  answer(host, recordHandlers, context)
  const show = () => render(html`<mg-record debate=${SLUG} .record=${context.store.state.record}></mg-record>`, host)
  show()
  context.store.subscribe(show)
  const el = host.querySelector<MgRecord>('mg-record')!
  await flush(el)
  return { el, requests: server.requests, store: context.store }
}

const table = (el: Element) => deepQuery(el, 'mg-participation-table').shadowRoot!
const names = (el: Element) => Array.from(table(el).querySelectorAll('tbody th')).map((th) => th.textContent?.trim())
const sortButton = (el: Element, label: string) =>
  Array.from(table(el).querySelectorAll<HTMLButtonElement>('th button.sort')).find((b) => b.textContent?.includes(label))!
const headers = (el: Element) => Array.from(table(el).querySelectorAll('thead th')).map((th) => th.textContent?.replace(/[▲▼]/g, '').trim())
/** Each row's name and the cell in the column after it. */
const nameAndNext = (el: Element) =>
  Array.from(table(el).querySelectorAll('tbody tr')).map((tr) => [
    tr.querySelector('th')!.textContent?.trim(),
    tr.querySelector('td')!.textContent,
  ])

/** A record of a seminar with two small groups: Ada in B, Ben in A, Cem (who joined late) in none. */
function grouped(): RecordResponse {
  const tally = (pro: number, contra: number) => ({
    counts: { comments: pro + contra, pro, contra, neutral: 0 },
    positions: { pro: contra, contra: pro, undecided: 0 },
  })
  const paragraph: RecordParagraph = {
    anchor: 'p-1',
    number: 1,
    excerpt: 'Der erste Absatz',
    text: 'Der erste Absatz.',
    counts: { comments: 3, pro: 2, contra: 1, neutral: 0 },
    positions: { pro: 1, contra: 2, undecided: 0 },
    strongest: [],
    groups: [
      { letter: 'A', ...tally(2, 0) },
      { letter: 'B', ...tally(0, 1) },
    ],
  }
  return record({
    paragraphs: [paragraph],
    participation: [row(1, 'Ada', { group: 'B' }), row(2, 'Ben', { group: 'A' }), row(3, 'Cem')],
  })
}

describe('mg-record', () => {
  it('loads the record and sorts the participation by any column, saying so in aria-sort', async () => {
    const { el, requests } = await recordPage(() => ({ status: 200, body: record() }))
    expect(requests).toEqual([{ method: 'GET', path: `/api/debates/${SLUG}/record`, body: undefined }])
    expect(deepQuery(el, 'h1').textContent).toBe('Record: Ethik 10b')
    expect(names(el)).toEqual(['Ada (guest)', 'Ben (guest)', 'Cem (guest)'])
    sortButton(el, 'Replies').click()
    await flush(el)
    expect(names(el)).toEqual(['Ben (guest)', 'Cem (guest)', 'Ada (guest)'])
    expect(sortButton(el, 'Replies').closest('th')!.getAttribute('aria-sort')).toBe('descending')
    expect(sortButton(el, 'Name').closest('th')!.getAttribute('aria-sort')).toBe('none')
    sortButton(el, 'Replies').click()
    await flush(el)
    expect(names(el)).toEqual(['Ada (guest)', 'Cem (guest)', 'Ben (guest)'])
    expect(sortButton(el, 'Replies').closest('th')!.getAttribute('aria-sort')).toBe('ascending')
    // Without small groups there is no group column.
    expect(headers(el)).not.toContain('Group')
  })

  it('shows each person’s group beside their name, sorts by it, and each group’s balance under a paragraph', async () => {
    const { el } = await recordPage(() => ({ status: 200, body: grouped() }))
    expect(headers(el).slice(0, 3)).toEqual(['Name', 'Group', 'Arguments'])
    expect(nameAndNext(el)).toEqual([
      ['Ada (guest)', 'Group B'],
      ['Ben (guest)', 'Group A'],
      ['Cem (guest)', '–'],
    ])
    sortButton(el, 'Group').click()
    await flush(el)
    expect(names(el)).toEqual(['Ben (guest)', 'Ada (guest)', 'Cem (guest)'])
    expect(sortButton(el, 'Group').closest('th')!.getAttribute('aria-sort')).toBe('ascending')
    sortButton(el, 'Group').click()
    await flush(el)
    // Whoever was in no group stays last either way.
    expect(names(el)).toEqual(['Ada (guest)', 'Ben (guest)', 'Cem (guest)'])
    expect(sortButton(el, 'Group').closest('th')!.getAttribute('aria-sort')).toBe('descending')

    const groups = Array.from(deepQuery(el, 'mg-record-paragraphs').shadowRoot!.querySelectorAll('ul.groups li')).map(textOf)
    expect(groups).toEqual([
      'Group A: 2 pro, 0 contra, 0 neutral; 2 comments in all; positions 0 pro, 2 contra, 0 undecided.',
      'Group B: 0 pro, 1 contra, 0 neutral; 1 comments in all; positions 1 pro, 0 contra, 0 undecided.',
    ])
  })

  it('saves the rule and then every mark by it, and one adjusted mark with its comment', async () => {
    const rule = { arguments: 2, replies: 1, mode: 'scaled' as const, points: 10 }
    let graded = false
    const { el, requests } = await recordPage((method, path, body) => {
      if (method === 'PUT' && path.endsWith('/grading')) {
        graded = true
        return { status: 200, body: { rule: body, releasedAt: null } }
      }
      if (method === 'PUT' && path.endsWith('/grades/1')) {
        return { status: 200, body: row(1, 'Ada', { arguments: 2, mark: { computed: 6.67, adjusted: 9, mark: 9, comment: 'Stark.' } }) }
      }
      const mark = (computed: number) => ({ computed, adjusted: null, mark: computed, comment: null })
      return {
        status: 200,
        body: graded
          ? record({ grading: { rule, releasedAt: null }, participation: [row(1, 'Ada', { arguments: 2, mark: mark(6.67) })] })
          : record(),
      }
    })
    const grading = deepQuery(el, 'mg-record-grading')
    const rules = deepQuery<HTMLFormElement>(grading, 'form.rule')
    rules.querySelector<HTMLInputElement>('[name=arguments]')!.value = '2'
    rules.querySelector<HTMLInputElement>('[name=replies]')!.value = '1'
    rules.querySelector<HTMLInputElement>('[name=points]')!.value = '10'
    rules.requestSubmit()
    await flush(el)
    expect(requests.filter((r) => r.method === 'PUT')).toEqual([{ method: 'PUT', path: `/api/debates/${SLUG}/grading`, body: rule }])
    expect(requests.filter((r) => r.method === 'GET')).toHaveLength(2)
    const ada = deepQuery<HTMLFormElement>(grading, 'form.mark')
    expect(textOf(ada)).toContain('Computed: 6.67')
    ada.querySelector<HTMLInputElement>('[name=adjusted]')!.value = '9'
    ada.querySelector<HTMLInputElement>('[name=comment]')!.value = ' Stark. '
    ada.requestSubmit()
    await flush(el)
    expect(requests.at(-1)).toEqual({ method: 'PUT', path: `/api/debates/${SLUG}/grades/1`, body: { adjusted: 9, comment: 'Stark.' } })
    expect(textOf(table(el).querySelector('tbody tr')!)).toContain('9')
    expect(deepQuery(grading, '[role=status]').textContent).toBe('The mark for Ada is saved.')
  })

  it('shows a participant their own row, and their mark once the live grades.released comes, without a reload', async () => {
    let released = false
    const own = () =>
      record({
        scope: 'personal',
        timeline: [],
        participation: [
          row(2, 'Ben', { replies: 3, ...(released ? { mark: { computed: 5, adjusted: 7, mark: 7, comment: 'Gut.' } } : {}) }),
        ],
        grading: released
          ? { rule: { arguments: 1, replies: 1, mode: 'scaled', points: 10 }, releasedAt: AT }
          : { rule: null, releasedAt: null },
      })
    const { el, requests, store } = await recordPage(() => ({ status: 200, body: own() }))
    const summary = () => textOf(deepQuery(el, 'mg-own-participation'))
    expect(summary()).toContain('Your participation')
    expect(summary()).toContain('Your mark has not been released yet.')
    expect(deepQueryAll(el, 'mg-participation-table')).toHaveLength(0)

    released = true
    store.update((s) => applyLiveEvent(s, { type: 'grades.released', debate: SLUG, seq: 1, releasedAt: AT }))
    // The record shown stays until the next one is in.
    expect(summary()).toContain('Your participation')
    await flush(el)
    expect(requests).toHaveLength(2)
    expect(summary()).toContain('7 of 10 points')
    expect(summary()).toContain('Gut.')
  })

  it('loads the record again when the marks are released while a load is under way', async () => {
    let released = false
    /** The page's store, once it is rendered. */
    const page: { store?: Awaited<ReturnType<typeof recordPage>>['store'] } = {}
    const own = () =>
      record({
        scope: 'personal',
        participation: [row(2, 'Ben', released ? { mark: { computed: 5, adjusted: null, mark: 5, comment: null } } : {})],
        grading: released
          ? { rule: { arguments: 1, replies: 1, mode: 'scaled', points: 10 }, releasedAt: AT }
          : { rule: null, releasedAt: null },
      })
    const {
      el,
      requests,
      store: loaded,
    } = await recordPage(() => {
      const answer = own()
      // The release is committed, and its event arrives, while this (older) answer is on its way.
      if (page.store && !released) {
        released = true
        page.store.update((s) => applyLiveEvent(s, { type: 'grades.released', debate: SLUG, seq: 2, releasedAt: AT }))
      }
      return { status: 200, body: answer }
    })
    page.store = loaded
    loaded.update((s) => applyLiveEvent(s, { type: 'grades.released', debate: SLUG, seq: 1, releasedAt: null }))
    await flush(el)
    await flush(el)
    expect(requests).toHaveLength(3)
    expect(textOf(deepQuery(el, 'mg-own-participation'))).toContain('5 of 10 points')
  })

  describe('in German', () => {
    let localization: Localization
    beforeAll(async () => {
      localStorage.clear()
      localization = await startLocalization()
      await localization.set('de')
    })
    afterAll(() => localization.set('en'))

    it('calls the group column Gruppe, and each group Gruppe A, Gruppe B', async () => {
      const { el } = await recordPage(() => ({ status: 200, body: grouped() }))
      expect(headers(el).slice(0, 2)).toEqual(['Name', 'Gruppe'])
      expect(nameAndNext(el).map(([, group]) => group)).toEqual(['Gruppe B', 'Gruppe A', '–'])
      const first = textOf(deepQuery(el, 'mg-record-paragraphs').shadowRoot!.querySelector('ul.groups li')!)
      expect(first).toBe('Gruppe A: 2 Pro, 0 Contra, 0 neutral; 2 Beiträge insgesamt; Positionen 0 Pro, 2 Contra, 0 unentschieden.')
    })
  })
})
