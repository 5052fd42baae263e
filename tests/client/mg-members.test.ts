import { html, render } from 'lit'
import { describe, expect, it } from 'vitest'
import '../../client/views/moderator/mg-members/mg-members.ts'
import type { MgMembers } from '../../client/views/moderator/mg-members/mg-members.ts'
import type { MgChangeMemberEvent } from '../../client/events/change-member.ts'
import type { MgLoadMembersEvent } from '../../client/events/load-members.ts'
import type { Member } from '../../client/services/types.ts'
import { applyLiveEvent } from '../../client/state/events.ts'
import { moderatorHandlers } from '../../client/views/moderator/handlers.ts'
import { answer, testContext, withDebate } from './handlers.ts'
import { deepQuery, deepQueryAll, flush, textOf } from './helpers.ts'
import { fakeServer, testHost } from './seminar-helpers.ts'

function member(username: string, overrides: Partial<Member> = {}): Member {
  return { user: { id: username.length, username }, role: 'participant', muted: false, mutedUntil: null, banned: false, ...overrides }
}

/**
 * A member list rendered from the store, as the page does, with the moderators' handlers
 * answering over a fake server; its loads and changes are recorded.
 */
async function members(list: Member[], options: { canAppoint?: boolean; admin?: boolean; refuse?: string } = {}) {
  const { api } = fakeServer((method) =>
    method === 'GET'
      ? { status: 200, body: { members: list } }
      : options.refuse
        ? { status: 403, body: { statusCode: 403, error: 'Forbidden', message: options.refuse } }
        : { status: 204 },
  )
  const context = testContext(api, withDebate('sora'))
  const host = testHost()
  answer(host, moderatorHandlers, context)
  const loads: MgLoadMembersEvent[] = []
  const changes: MgChangeMemberEvent[] = []
  const show = () =>
    render(
      html`<mg-members
        ?can-appoint=${options.canAppoint ?? false}
        ?admin=${options.admin ?? false}
        .members=${context.store.state.members.members}
        @mg-load-members=${(e: MgLoadMembersEvent) => loads.push(e)}
        @mg-change-member=${(e: MgChangeMemberEvent) => changes.push(e)}
      ></mg-members>`,
      host,
    )
  show()
  context.store.subscribe(show)
  const el = host.querySelector('mg-members')!
  await flush(el)
  return { el, loads, changes, store: context.store }
}

const rows = (el: Element) => deepQueryAll(el, 'li')
const button = (row: Element, name: string) =>
  Array.from(row.querySelectorAll('button')).find((b) => b.textContent?.trim() === name) as HTMLButtonElement | undefined

async function click(el: MgMembers, target: HTMLElement) {
  target.click()
  await flush(el)
}

describe('mg-members', () => {
  it('lists each member with their role and mute, and offers a moderator only muting', async () => {
    const { el } = await members([
      member('olga', { role: 'owner' }),
      member('mona', { role: 'moderator' }),
      member('paul', { muted: true, mutedUntil: '2030-01-02T10:00:00.000Z' }),
      member('pia', { muted: true }),
    ])
    const [owner, mod, paul, pia] = rows(el)
    expect(textOf(owner!)).toContain('olga')
    expect(textOf(owner!)).toContain('Owner')
    expect(owner!.querySelectorAll('button')).toHaveLength(0)
    expect(textOf(mod!)).toContain('Moderator')
    expect(button(mod!, 'Make moderator')).toBeUndefined()
    expect(button(mod!, 'Dismiss as moderator')).toBeUndefined()
    expect(button(mod!, 'Mute')?.getAttribute('aria-label')).toBe('Mute mona')
    expect(textOf(paul!)).toMatch(/muted until .*2030/)
    expect(button(paul!, 'Unmute')).toBeDefined()
    expect(textOf(pia!)).toContain('muted indefinitely')
    expect(deepQueryAll(el, 'button[aria-label^="Ban"]')).toHaveLength(0)
  })

  it('lets the owner appoint and dismiss moderators, and reloads the list after a change', async () => {
    const { el, loads, changes } = await members([member('mona', { role: 'moderator' }), member('paul')], { canAppoint: true })
    expect(loads).toHaveLength(1)
    const [mona, paul] = rows(el)
    expect(button(mona!, 'Dismiss as moderator')).toBeDefined()
    await click(el, button(paul!, 'Make moderator')!)
    expect(changes.map((c) => [c.username, c.change])).toEqual([['paul', 'appoint']])
    expect(loads).toHaveLength(2)
    expect(deepQuery(el, '[role="status"]')?.textContent).toBe('paul is now a moderator.')
  })

  it('mutes for the chosen time: an hour, a day, or indefinitely', async () => {
    const { el, changes } = await members([member('paul')])
    const row = rows(el)[0]!
    const select = row.querySelector('select')!
    expect(Array.from(select.options).map((o) => o.textContent)).toEqual(['1 hour', '1 day', 'Indefinitely'])
    select.value = '24'
    await click(el, button(row, 'Mute')!)
    select.value = '0'
    await click(el, button(rows(el)[0]!, 'Mute')!)
    expect(changes.map((c) => c.change)).toEqual(['mute', 'mute'])
    const hours = (Date.parse(changes[0]!.until!) - Date.now()) / 3600_000
    expect(hours).toBeGreaterThan(23)
    expect(hours).toBeLessThanOrEqual(24)
    expect(changes[1]!.until).toBeUndefined()
  })

  it('bans only after the admin confirms, and can be cancelled', async () => {
    const { el, changes } = await members([member('troll')], { admin: true })
    await click(el, deepQuery(el, 'button[aria-label="Ban troll"]') as HTMLButtonElement)
    expect(changes).toHaveLength(0)
    await click(el, button(rows(el)[0]!, 'Cancel')!)
    expect(changes).toHaveLength(0)
    await click(el, deepQuery(el, 'button[aria-label="Ban troll"]') as HTMLButtonElement)
    await click(el, button(rows(el)[0]!, 'Confirm ban')!)
    expect(changes.map((c) => [c.username, c.change])).toEqual([['troll', 'ban']])
  })

  it("reloads when a member changes elsewhere, and shows the server's refusal", async () => {
    const { el, loads, store } = await members([member('paul')], { refuse: 'Only moderators may mute' })
    store.update((s) =>
      applyLiveEvent(s, {
        type: 'member.updated',
        debate: 'sora',
        seq: 1,
        user: { id: 4, username: 'paul' },
        role: 'participant' as const,
        muted: false,
        mutedUntil: null,
      }),
    )
    await flush(el)
    expect(loads).toHaveLength(2)
    await click(el, button(rows(el)[0]!, 'Mute')!)
    expect(deepQuery(el, '[role="alert"]')?.textContent).toContain('Only moderators may mute')
  })
})
