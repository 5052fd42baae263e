/**
 * The marks beside people's names: wherever a name is shown, a guest is marked "guest" and a
 * debate's owner and moderators "leader" and "moderator", in the reader's language, so that a
 * chosen name alone passes for nobody.
 */
import { html } from 'lit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import '../../client/views/moderator/mg-members/mg-members.ts'
import type { MgMembers } from '../../client/views/moderator/mg-members/mg-members.ts'
import '../../client/views/leader/mg-projector/mg-projector.ts'
import '../../client/views/seminar/mg-speaker-queue/mg-speaker-queue.ts'
import '../../client/components/mg-thread/mg-thread.ts'
import type { MgLoadMembersEvent } from '../../client/events/load-members.ts'
import { startLocalization, type Localization } from '../../client/services/locale.ts'
import type { Comment, Member, QueueEntry } from '../../client/services/types.ts'
import type { ThreadState } from '../../client/state/common.ts'
import { comment, deepQuery, deepQueryAll, fixture, flush } from './helpers.ts'
import { blocks, room, SLUG } from './leader-support.ts'

/** The marks shown after each name in `root`, as [name's element text, marks]. */
function marksIn(root: Element, nameSelector: string): [string, string[]][] {
  return deepQueryAll(root, nameSelector).map((name) => {
    const marks: string[] = []
    for (let next = name.nextElementSibling; next?.classList.contains('person-mark'); next = next.nextElementSibling) {
      marks.push(next.textContent!.trim())
    }
    return [name.textContent!.replace(/\s+/g, ' ').trim(), marks]
  })
}

const entry = (id: number, user: QueueEntry['user']): QueueEntry => ({
  id,
  user,
  anchor: 'p-1',
  kind: 'argument',
  raisedAt: '2026-01-01T10:00:00.000Z',
})

async function thread(comments: Comment[]) {
  const state: ThreadState = { status: 'ready', comments }
  return fixture(html`<mg-thread debate="sora" anchor="p-1" .number=${1} .thread=${state} .user=${null}></mg-thread>`)
}

const conversation = [
  comment({ id: 1, author: { id: 2, username: 'Mia', guest: true, role: 'participant' }, body: 'Ein Argument' }),
  comment({ id: 2, parentId: 1, depth: 1, author: { id: 3, username: 'weber', guest: false, role: 'owner' }, body: 'Eine Antwort' }),
  comment({ id: 3, parentId: 1, depth: 1, author: { id: 4, username: 'kurz', guest: false, role: 'moderator' }, body: 'Noch eine' }),
  comment({ id: 4, author: { id: 5, username: 'ada', guest: false, role: 'participant' }, body: 'Ohne Marke' }),
]

describe('marks beside names', () => {
  it('mark guests, leaders and moderators in comments and their replies, and say so to screen readers', async () => {
    const el = await thread(conversation)
    expect(marksIn(el, 'mg-comment .author')).toEqual([
      ['ada', []],
      ['Mia', ['guest']],
      ['weber', ['leader']],
      ['kurz', ['moderator']],
    ])
    const mia = deepQuery(el, '#c-1')
    expect(mia.getAttribute('aria-label')).toBe('Pro, by Mia (guest)')
  })

  it('mark the speaker and the raised hands in the speaker queue', async () => {
    const el = await fixture(html`<mg-speaker-queue
      .blocks=${blocks(2)}
      .speaker=${entry(1, { id: 2, name: 'Mia', guest: true, role: 'participant' })}
      .queue=${[entry(2, { id: 3, name: 'weber', role: 'owner' }), entry(3, { id: -40, name: 'Calm Wolf', role: 'participant' })]}
      .me=${null}
    ></mg-speaker-queue>`)
    const speaker = deepQuery(el, '.now > span')
    expect([...speaker.querySelectorAll('.person-mark')].map((m) => m.textContent)).toEqual(['guest'])
    const hands = deepQueryAll(el, 'ol li').map((li) => [...li.querySelectorAll('.person-mark')].map((m) => m.textContent))
    expect(hands).toEqual([['leader'], []])
  })

  it('mark guests in the members list', async () => {
    const list: Member[] = [
      { user: { id: 1, username: 'weber' }, role: 'owner', muted: false, mutedUntil: null, banned: false, guest: false },
      { user: { id: 2, username: 'Mia' }, role: 'participant', muted: false, mutedUntil: null, banned: false, guest: true },
    ]
    // The page's handler writes the list into the store, which gives it to the element.
    const load = (e: MgLoadMembersEvent) => {
      const target = e.currentTarget as MgMembers
      e.respondWith(
        Promise.resolve().then(() => {
          target.members = { list, stale: false }
          return list
        }),
      )
    }
    const el = await fixture(html`<mg-members @mg-load-members=${load}></mg-members>`)
    await flush(el)
    expect(marksIn(el, 'li .name')).toEqual([
      ['weber', []],
      ['Mia', ['guest']],
    ])
  })

  it("mark the projector's speaker; in an anonymous seminar by role only, as the participants see them", async () => {
    const speaker = entry(1, { id: 2, name: 'Mia', pseudonym: 'Calm Wolf', guest: true, role: 'moderator' })
    const shown = async (anonymous: boolean) => {
      const el = await fixture(
        html`<mg-projector debate=${SLUG} essayTitle="Sora" .room=${room({ anonymous, speaker })} .blocks=${blocks(2)}></mg-projector>`,
      )
      return [...deepQuery(el, '.speaker').querySelectorAll('.person-mark')].map((m) => m.textContent)
    }
    expect(await shown(false)).toEqual(['guest', 'moderator'])
    expect(await shown(true)).toEqual(['moderator'])
  })

  describe('in German', () => {
    let localization: Localization
    beforeAll(async () => {
      localStorage.clear()
      localization = await startLocalization()
      await localization.set('de')
    })
    afterAll(() => localization.set('en'))

    it('read Gast, Leitung and Moderation', async () => {
      const el = await thread(conversation)
      expect(marksIn(el, 'mg-comment .author').map(([, marks]) => marks)).toEqual([[], ['Gast'], ['Leitung'], ['Moderation']])
    })
  })
})
