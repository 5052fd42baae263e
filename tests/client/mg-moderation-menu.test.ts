import { html } from 'lit'
import { afterEach, describe, expect, it } from 'vitest'
import '../../client/views/moderator/mg-moderation-menu/mg-moderation-menu.ts'
import type { MgModerationMenu } from '../../client/views/moderator/mg-moderation-menu/mg-moderation-menu.ts'
import type { MgModerateEvent } from '../../client/events/moderate.ts'
import { ApiError } from '../../client/services/api.ts'
import type { Comment } from '../../client/services/types.ts'
import { comment, deepQuery, deepQueryAll, fixture, flush, settle, textOf } from './helpers.ts'

let answer: (e: MgModerateEvent) => Promise<void> = async () => {}
const sent: MgModerateEvent[] = []
const onModerate = (e: MgModerateEvent) => {
  sent.push(e)
  e.respondWith(answer(e))
}
document.addEventListener('mg-moderate', onModerate)
afterEach(() => {
  sent.length = 0
  answer = async () => {}
})

const menu = (c: Comment, admin = false) =>
  fixture<MgModerationMenu>(html`<mg-moderation-menu .comment=${c} ?admin=${admin}></mg-moderation-menu>`)

const actionsOf = (el: Element) => deepQueryAll<HTMLButtonElement>(el, 'button[data-action]').map((b) => b.dataset.action)

async function open(el: MgModerationMenu) {
  deepQuery<HTMLButtonElement>(el, 'button.toggle').click()
  await settle(el)
}

describe('mg-moderation-menu', () => {
  it('is a disclosure: closed at first, and lists hide, pin and delete for an argument once opened', async () => {
    const el = await menu(comment())
    const toggle = deepQuery<HTMLButtonElement>(el, 'button.toggle')
    expect(toggle.getAttribute('aria-expanded')).toBe('false')
    expect(actionsOf(el)).toEqual([])
    await open(el)
    expect(toggle.getAttribute('aria-expanded')).toBe('true')
    expect(actionsOf(el)).toEqual(['hide', 'pin', 'delete'])
  })

  it('offers unhide and unpin where they apply, no pin on a reply, and removal for good to admins only', async () => {
    const hidden = await menu(comment({ hidden: true, pinned: true }))
    await open(hidden)
    expect(actionsOf(hidden)).toEqual(['unhide', 'unpin', 'delete'])
    const reply = await menu(comment({ parentId: 1, depth: 1 }), true)
    await open(reply)
    expect(actionsOf(reply)).toEqual(['hide', 'delete', 'remove'])
  })

  it('asks for a reason before hiding, and sends it', async () => {
    const c = comment()
    const el = await menu(c)
    await open(el)
    deepQuery<HTMLButtonElement>(el, 'button[data-action=hide]').click()
    await settle(el)
    deepQuery<HTMLFormElement>(el, 'form').requestSubmit()
    await flush(el)
    expect(sent).toHaveLength(0)
    expect(textOf(el)).toContain('Give a reason.')

    deepQuery<HTMLTextAreaElement>(el, 'textarea').value = '  Beleidigend.  '
    deepQuery<HTMLFormElement>(el, 'form').requestSubmit()
    await flush(el)
    expect(sent.map((e) => [e.commentId, e.action, e.reason])).toEqual([[c.id, 'hide', 'Beleidigend.']])
    // Done: the menu closes.
    expect(deepQuery(el, 'button.toggle').getAttribute('aria-expanded')).toBe('false')
  })

  it('pins at once, and shows the server’s refusal in place', async () => {
    answer = async () => {
      throw new ApiError(403, 'Only moderators of this debate can do this')
    }
    const el = await menu(comment())
    await open(el)
    deepQuery<HTMLButtonElement>(el, 'button[data-action=pin]').click()
    await flush(el)
    expect(sent.map((e) => e.action)).toEqual(['pin'])
    expect(deepQuery(el, '[role=alert]').textContent).toContain('Only moderators of this debate can do this')
    expect(deepQuery(el, 'button.toggle').getAttribute('aria-expanded')).toBe('true')
  })

  it('closes on Escape and gives focus back to its button', async () => {
    const el = await menu(comment())
    await open(el)
    deepQuery(el, 'button[data-action=hide]').dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }))
    await flush(el)
    const toggle = deepQuery<HTMLButtonElement>(el, 'button.toggle')
    expect(toggle.getAttribute('aria-expanded')).toBe('false')
    expect(el.shadowRoot!.activeElement).toBe(toggle)
  })
})
