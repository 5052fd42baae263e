import { html } from 'lit'
import { describe, expect, it } from 'vitest'
import '../../client/views/leader/mg-leader-panel/mg-leader-panel.ts'
import type { MgLeaderPanel } from '../../client/views/leader/mg-leader-panel/mg-leader-panel.ts'
import type { Room, RosterMember } from '../../client/services/types.ts'
import { deepQuery, deepQueryAll, fixture, flush, settle, textOf } from './helpers.ts'
import { blocks, fakeServer, room, SLUG, type Request } from './leader-support.ts'

async function panel(r: Room, reply?: (r: Request) => { status?: number; body?: unknown }) {
  const server = fakeServer(reply)
  const el = await fixture<MgLeaderPanel>(html`<mg-leader-panel debate=${SLUG} .room=${r} .blocks=${blocks(3)}></mg-leader-panel>`)
  // The panel's own requests only: the overview and the roster load once opened.
  server.requests.length = 0
  return { el, requests: server.requests }
}

function button(el: Element, name: string): HTMLButtonElement {
  const found = deepQueryAll<HTMLButtonElement>(el, 'button').find(
    (b) => b.textContent?.trim() === name || b.getAttribute('aria-label') === name,
  )
  if (!found) throw new Error(`no button "${name}"`)
  return found
}

async function click(el: MgLeaderPanel, name: string) {
  button(el, name).click()
  await flush(el)
}

const base = `/api/debates/${SLUG}`

describe('mg-leader-panel', () => {
  it('steps through the phases, confirming before revealing and before closing', async () => {
    const { el, requests } = await panel(room({ phase: 'reading' }))
    expect(button(el, 'Reading').getAttribute('aria-current')).toBe('step')
    await click(el, 'Private')
    expect(requests).toEqual([{ method: 'PUT', path: `${base}/phase`, body: { phase: 'private' } }])

    await click(el, 'Open')
    expect(requests).toHaveLength(1)
    expect(textOf(el)).toContain('Reveal everything?')
    await click(el, 'Reveal')
    expect(requests[1]).toEqual({ method: 'PUT', path: `${base}/phase`, body: { phase: 'open' } })

    await click(el, 'Closed')
    await click(el, 'Cancel')
    expect(requests).toHaveLength(2)
    await click(el, 'Closed')
    await click(el, 'Close the seminar')
    expect(requests[2]).toEqual({ method: 'PUT', path: `${base}/phase`, body: { phase: 'closed' } })
  })

  it('spotlights the chosen paragraph, steps to the next one and clears the spotlight', async () => {
    const { el, requests } = await panel(room({ spotlight: 'p-1' }))
    const select = deepQuery<HTMLSelectElement>(el, 'select')
    expect(Array.from(select.options).map((o) => o.value)).toEqual(['p-1', 'p-2', 'p-3'])
    select.value = 'p-3'
    select.dispatchEvent(new Event('change'))
    await settle(el)
    await click(el, 'Spotlight')
    await click(el, 'Spotlight the next paragraph')
    await click(el, 'Clear')
    expect(requests.map((r) => r.body)).toEqual([{ anchor: 'p-3' }, { anchor: 'p-2' }, { anchor: null }])
    expect(requests.every((r) => r.method === 'PUT' && r.path === `${base}/spotlight`)).toBe(true)
  })

  it('opens a poll on the spotlighted paragraph or the whole essay, and an after round of a closed one', async () => {
    const closed = {
      id: 7,
      anchor: 'p-2',
      before: null,
      status: 'closed' as const,
      votes: 5,
      openedAt: '2026-01-01T10:00:00.000Z',
      closedAt: '2026-01-01T10:05:00.000Z',
      results: { pro: 3, contra: 1, undecided: 1 },
    }
    const { el, requests } = await panel(room({ spotlight: 'p-2', poll: closed }))
    expect(textOf(el)).toContain('Pro 3 · Contra 1 · Undecided 1')
    await click(el, 'Poll on Paragraph 2')
    await click(el, 'Poll on the whole essay')
    await click(el, 'Run again as after round')
    expect(requests).toEqual([
      { method: 'POST', path: `${base}/polls`, body: { anchor: 'p-2' } },
      { method: 'POST', path: `${base}/polls`, body: {} },
      { method: 'POST', path: `${base}/polls`, body: { before: 7 } },
    ])
  })

  it('sums up an after round by how many changed their mind, and offers no third round', async () => {
    const after = {
      id: 8,
      anchor: null,
      before: 7,
      status: 'closed' as const,
      votes: 4,
      openedAt: '2026-01-01T10:10:00.000Z',
      closedAt: '2026-01-01T10:15:00.000Z',
      results: { pro: 1, contra: 2, undecided: 1 },
      shift: {
        pro: { pro: 1, contra: 2, undecided: 0 },
        contra: { pro: 0, contra: 0, undecided: 1 },
        undecided: { pro: 0, contra: 0, undecided: 0 },
      },
    }
    const { el } = await panel(room({ poll: after }))
    expect(textOf(el)).toContain('Last poll: The whole essay Pro 1 · Contra 2 · Undecided 1 · Changed their mind: 3')
    expect(() => button(el, 'Run again as after round')).toThrow()
  })

  it('shows the live vote count of an open poll and closes it', async () => {
    const open = {
      id: 9,
      anchor: null,
      before: null,
      status: 'open' as const,
      votes: 12,
      openedAt: '2026-01-01T10:00:00.000Z',
      closedAt: null,
    }
    const { el, requests } = await panel(room({ poll: open }))
    expect(deepQuery(el, '.votes').textContent).toBe('12 votes')
    el.room = room({ poll: { ...open, votes: 13 } })
    await settle(el)
    expect(deepQuery(el, '.votes').textContent).toBe('13 votes')
    await click(el, 'Close the poll')
    expect(requests).toEqual([{ method: 'POST', path: '/api/polls/9/close', body: undefined }])
  })

  it('calls the next speaker with or without a timebox, takes a hand down, and starts and stops the timer', async () => {
    const hand = { id: 12, user: { id: 3, name: 'Jonas' }, anchor: 'p-1', kind: 'question' as const, raisedAt: '2026-01-01T10:00:00.000Z' }
    const { el, requests } = await panel(room({ queue: [hand] }))
    expect(textOf(el)).toContain('Jonas · Question · Paragraph 1')
    await click(el, 'Next speaker')
    const input = deepQuery<HTMLInputElement>(el, 'input[type="number"]')
    input.value = '90'
    input.dispatchEvent(new Event('input'))
    await settle(el)
    await click(el, 'Next speaker')
    await click(el, 'Take down the hand of Jonas')
    await click(el, 'Start the timer')
    el.room = room({ timer: { startedAt: new Date().toISOString(), endsAt: new Date(Date.now() + 90_000).toISOString(), seconds: 90 } })
    await settle(el)
    expect(deepQuery(el, '[role="timer"]').textContent).toMatch(/^1:[23]\d$/)
    await click(el, 'Stop the timer')
    expect(requests).toEqual([
      { method: 'POST', path: `${base}/queue/next`, body: {} },
      { method: 'POST', path: `${base}/queue/next`, body: { seconds: 90 } },
      { method: 'DELETE', path: `${base}/queue/12`, body: undefined },
      { method: 'PUT', path: `${base}/timer`, body: { seconds: 90 } },
      { method: 'PUT', path: `${base}/timer`, body: { seconds: null } },
    ])
  })

  it('shows the join code grouped with its link, rotates and revokes it, and links the projector', async () => {
    const { el, requests } = await panel(room())
    expect(deepQuery(el, '.code').textContent).toBe('ABCD-EFGH')
    expect(deepQuery<HTMLAnchorElement>(el, 'a.link').href).toBe(new URL('/join/ABCDEFGH', location.href).href)
    expect(deepQueryAll<HTMLAnchorElement>(el, 'a').some((a) => a.getAttribute('href') === `/d/${SLUG}/projector`)).toBe(true)
    await click(el, 'New code')
    await click(el, 'Revoke the code')
    expect(requests).toEqual([
      { method: 'POST', path: `${base}/join-code`, body: {} },
      { method: 'DELETE', path: `${base}/join-code`, body: undefined },
    ])
  })

  it('shows the roster it is given once opened, and asks for it only when it is stale', async () => {
    const { el, requests } = await panel(room())
    const member: RosterMember = {
      user: { id: 2, username: 'lena' },
      role: 'participant',
      muted: false,
      mutedUntil: null,
      banned: false,
      guest: true,
      pseudonym: null,
      displayName: null,
    }
    el.roster = { list: [member], stale: false }
    const summary = deepQueryAll<HTMLElement>(el, 'summary').find((s) => s.textContent?.trim() === 'Roster')!
    summary.click()
    await flush(el)
    expect(textOf(deepQuery(el, 'mg-roster'))).toContain('lena')
    expect(requests).toEqual([])
    el.roster = { list: [member], stale: true }
    await flush(el)
    expect(requests).toEqual([{ method: 'GET', path: `${base}/members`, body: undefined }])
  })

  it("shows the server's refusal", async () => {
    const { el } = await panel(room(), () => ({
      status: 409,
      body: { statusCode: 409, error: 'Conflict', message: 'A poll is already open' },
    }))
    await click(el, 'Poll on the whole essay')
    expect(deepQuery(el, '[role="alert"]').textContent).toContain('A poll is already open')
  })
})
