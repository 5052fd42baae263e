import { html } from 'lit'
import { describe, expect, it } from 'vitest'
import '../../client/components/mg-thread/mg-thread.ts'
import type { MgComment } from '../../client/components/mg-comment/mg-comment.ts'
import type { MgThread } from '../../client/components/mg-thread/mg-thread.ts'
import type { MgShowNewEvent } from '../../client/events/show-new.ts'
import type { ThreadState } from '../../client/state/common.ts'
import { comment, deepQuery, deepQueryAll, fixture, settle, textOf } from './helpers.ts'

const at = (minute: number) => new Date(Date.UTC(2025, 9, 1, 12, minute)).toISOString()

describe('a thread with live news', () => {
  it('keeps new arguments back behind a "N new" button, and asks for them when pressed', async () => {
    const state: ThreadState = {
      status: 'ready',
      comments: [
        comment({ id: 1, createdAt: at(1), body: 'Was there' }),
        comment({ id: 2, createdAt: at(2), body: 'Just came in' }),
        comment({ id: 3, createdAt: at(3), body: 'Also new' }),
      ],
    }
    const el = await fixture<MgThread>(
      html`<mg-thread debate="sora" anchor="p-1" .number=${1} .thread=${state} .unseen=${[2, 3]}></mg-thread>`,
    )
    expect(deepQueryAll<MgComment>(el, 'mg-comment').map((c) => c.comment.id)).toEqual([1])
    // The count is the paragraph's, as its marker gives it, with the arguments held back.
    expect(textOf(deepQuery(el, '.count'))).toBe('3 arguments')
    const button = deepQuery<HTMLButtonElement>(el, 'button.new')
    expect(textOf(button)).toBe('Show 2 new arguments')
    const asked: string[] = []
    el.addEventListener('mg-show-new', (e: MgShowNewEvent) => asked.push(e.anchor))
    button.click()
    expect(asked).toEqual(['p-1'])

    el.unseen = []
    await settle(el)
    expect(deepQueryAll<MgComment>(el, 'mg-comment').map((c) => c.comment.id)).toEqual([3, 2, 1])
    expect(deepQueryAll(el, 'button.new')).toEqual([])
  })

  it('does not call a thread empty while new arguments wait in it', async () => {
    const state: ThreadState = { status: 'ready', comments: [comment({ id: 1, body: 'Just came in' })] }
    const el = await fixture<MgThread>(
      html`<mg-thread debate="sora" anchor="p-1" .number=${1} .thread=${state} .unseen=${[1]}></mg-thread>`,
    )
    expect(textOf(deepQuery(el, 'button.new'))).toBe('Show 1 new argument')
    expect(textOf(el)).not.toContain('No arguments yet')
  })

  it('does not count a new argument deleted before it was shown', async () => {
    const state: ThreadState = {
      status: 'ready',
      comments: [
        comment({ id: 1, body: 'Was there' }),
        comment({ id: 2, deleted: true, body: null }),
        comment({ id: 3, body: 'Still here' }),
      ],
    }
    const el = await fixture<MgThread>(
      html`<mg-thread debate="sora" anchor="p-1" .number=${1} .thread=${state} .unseen=${[2, 3]}></mg-thread>`,
    )
    expect(textOf(deepQuery(el, 'button.new'))).toBe('Show 1 new argument')
    el.thread = { status: 'ready', comments: [state.comments[0]!, state.comments[1]!, comment({ id: 3, deleted: true, body: null })] }
    await settle(el)
    expect(deepQueryAll(el, 'button.new')).toEqual([])
  })

  it('tells who else is reading and what someone is writing', async () => {
    const state: ThreadState = { status: 'ready', comments: [] }
    const el = await fixture<MgThread>(
      html`<mg-thread debate="sora" anchor="p-1" .number=${1} .thread=${state} .readers=${3} .typing=${'contra'}></mg-thread>`,
    )
    const live = deepQuery(el, '.live')
    expect(textOf(live)).toBe('3 reading this paragraph Someone is writing a contra argument…')
    el.typing = null
    el.readers = 1
    await settle(el)
    expect(textOf(live)).toBe('')
  })
})
