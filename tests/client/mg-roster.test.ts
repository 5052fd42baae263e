import { html, render } from 'lit'
import { describe, expect, it } from 'vitest'
import '../../client/views/leader/mg-roster/mg-roster.ts'
import type { MgRoster } from '../../client/views/leader/mg-roster/mg-roster.ts'
import type { MgChangeMemberEvent } from '../../client/events/change-member.ts'
import type { RosterMember } from '../../client/services/types.ts'
import { applyLiveEvent } from '../../client/state/events.ts'
import { leaderHandlers } from '../../client/views/leader/handlers.ts'
import { answer, testContext, withDebate } from './handlers.ts'
import { deepQuery, deepQueryAll, flush, textOf } from './helpers.ts'
import { SLUG } from './leader-support.ts'
import { fakeServer, testHost } from './seminar-helpers.ts'

function member(id: number, username: string, overrides: Partial<RosterMember> = {}): RosterMember {
  return {
    user: { id, username },
    role: 'participant',
    muted: false,
    mutedUntil: null,
    banned: false,
    guest: false,
    pseudonym: null,
    displayName: null,
    ...overrides,
  }
}

const list = [
  member(1, 'weber', { role: 'owner', pseudonym: 'Calm Heron' }),
  member(2, 'Lena', { guest: true, pseudonym: 'Amber Fox' }),
  member(3, 'mia', { displayName: 'Mia K.', pseudonym: 'Brave Lynx' }),
]

/**
 * A roster rendered from the store, as the page does, with the leaders' handlers answering
 * over a fake server that records each request; the member changes it asks for are recorded.
 */
async function roster(options: { anonymous?: boolean; canAppoint?: boolean } = {}) {
  const server = fakeServer((method) =>
    method === 'GET' ? { status: 200, body: { members: list } } : { status: method === 'DELETE' ? 204 : 200 },
  )
  const context = testContext(server.api, withDebate(SLUG))
  const host = testHost()
  answer(host, leaderHandlers, context)
  const changes: MgChangeMemberEvent[] = []
  const show = () =>
    render(
      html`<mg-roster
        ?anonymous=${options.anonymous ?? false}
        ?can-appoint=${options.canAppoint ?? false}
        .roster=${context.store.state.members.roster}
        @mg-change-member=${(e: MgChangeMemberEvent) => changes.push(e)}
      ></mg-roster>`,
      host,
    )
  show()
  context.store.subscribe(show)
  const el = host.querySelector<MgRoster>('mg-roster')!
  await flush(el)
  return { el, requests: server.requests, changes, store: context.store }
}

const rows = (el: Element) => deepQueryAll(el, 'li')
const button = (row: Element, name: string) =>
  Array.from(row.querySelectorAll('button')).find((b) => b.textContent?.trim() === name) as HTMLButtonElement | undefined

async function click(el: MgRoster, target: HTMLElement) {
  target.click()
  await flush(el)
}

describe('mg-roster', () => {
  it('lists names, pseudonyms in an anonymous seminar and guests', async () => {
    const { el, requests } = await roster({ anonymous: true })
    expect(requests[0]).toEqual({ method: 'GET', path: `/api/debates/${SLUG}/members`, body: undefined })
    const [owner, lena, mia] = rows(el)
    expect(textOf(owner!)).toContain('weber')
    expect(button(owner!, 'Remove')).toBeUndefined()
    expect(lena!.querySelector('.person-mark.guest')?.textContent).toBe('guest')
    expect(textOf(lena!)).toContain('seen as Amber Fox')
    expect(textOf(mia!)).toMatch(/^Mia K\. Participant · account mia · seen as Brave Lynx/)
    const plain = await roster()
    expect(textOf(plain.el)).not.toContain('seen as')
  })

  it('renames a member and reloads the list', async () => {
    const { el, requests } = await roster()
    await click(el, button(rows(el)[1]!, 'Rename')!)
    const input = deepQuery<HTMLInputElement>(el, 'form input')
    input.value = 'Lena S.'
    await click(el, button(rows(el)[1]!, 'Save')!)
    expect(requests.slice(1)).toEqual([
      { method: 'PATCH', path: `/api/debates/${SLUG}/members/2`, body: { displayName: 'Lena S.' } },
      { method: 'GET', path: `/api/debates/${SLUG}/members`, body: undefined },
    ])
    expect(deepQuery(el, '[role="status"]').textContent).toBe('Lena is now called Lena S..')
  })

  it('removes a member only after confirming', async () => {
    const { el, requests } = await roster()
    await click(el, button(rows(el)[2]!, 'Remove')!)
    expect(requests).toHaveLength(1)
    await click(el, button(rows(el)[2]!, 'Cancel')!)
    await click(el, button(rows(el)[2]!, 'Remove')!)
    await click(el, button(rows(el)[2]!, 'Confirm removal')!)
    expect(requests[1]).toEqual({ method: 'DELETE', path: `/api/debates/${SLUG}/members/3`, body: undefined })
  })

  it('reloads when someone joins or a role changes elsewhere, once for each', async () => {
    const { el, requests, store } = await roster()
    const get = { method: 'GET', path: `/api/debates/${SLUG}/members`, body: undefined }
    store.update((s) =>
      applyLiveEvent(s, { type: 'member.joined', debate: SLUG, seq: 1, member: { id: 9, name: 'Eva' }, role: 'participant', members: 4 }),
    )
    await flush(el)
    expect(requests).toEqual([get, get])
    store.update((s) =>
      applyLiveEvent(s, {
        type: 'member.updated',
        debate: SLUG,
        seq: 2,
        user: { id: 3, username: 'mia' },
        role: 'participant' as const,
        muted: false,
        mutedUntil: null,
      }),
    )
    store.update((s) =>
      applyLiveEvent(s, {
        type: 'member.updated',
        debate: SLUG,
        seq: 2,
        user: { id: 3, username: 'mia' },
        role: 'participant' as const,
        muted: false,
        mutedUntil: null,
      }),
    )
    await flush(el)
    expect(requests).toEqual([get, get, get])
  })

  it('appoints co-moderators from accounts only, never guests', async () => {
    const { el, changes } = await roster({ canAppoint: true })
    const [owner, lena, mia] = rows(el)
    expect(button(owner!, 'Make co-moderator')).toBeUndefined()
    expect(button(lena!, 'Make co-moderator')).toBeUndefined()
    await click(el, button(mia!, 'Make co-moderator')!)
    expect(changes.map((c) => [c.username, c.change])).toEqual([['mia', 'appoint']])
    const plain = await roster()
    expect(deepQueryAll(plain.el, 'button').some((b) => b.textContent?.includes('co-moderator'))).toBe(false)
  })
})
