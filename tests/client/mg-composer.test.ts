import { html } from 'lit'
import { afterEach, describe, expect, it } from 'vitest'
import '../../client/components/mg-composer/mg-composer.ts'
import type { MgComposer } from '../../client/components/mg-composer/mg-composer.ts'
import type { MgPostCommentEvent } from '../../client/events/post-comment.ts'
import { ApiError, NetworkError } from '../../client/services/api.ts'
import type { Comment } from '../../client/services/types.ts'
import { draftKey } from '../../client/state/drafts.ts'
import { comment, deepQuery, fixture, flush, settle } from './helpers.ts'

const KEY = draftKey('sora', 'p-3', null)

type Answer = (event: MgPostCommentEvent) => Promise<Comment>
let answer: Answer = async () => comment()
const sent: MgPostCommentEvent[] = []
const onPost = (e: MgPostCommentEvent) => {
  sent.push(e)
  e.respondWith(answer(e))
}
document.addEventListener('mg-post-comment', onPost)
afterEach(() => {
  sent.length = 0
  answer = async () => comment()
})

const composer = (parentId: number | null = null) =>
  fixture<MgComposer>(html`<mg-composer debate="sora" anchor="p-3" .parentId=${parentId}></mg-composer>`)

function choose(el: MgComposer, stance: string) {
  const radio = deepQuery<HTMLInputElement>(el, `input[value=${stance}]`)
  radio.checked = true
  radio.dispatchEvent(new Event('change', { bubbles: true }))
}

function type(el: MgComposer, text: string) {
  const area = deepQuery<HTMLTextAreaElement>(el, 'textarea')
  area.value = text
  area.dispatchEvent(new Event('input', { bubbles: true }))
}

function ctrlEnter(el: MgComposer) {
  deepQuery(el, 'textarea').dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', ctrlKey: true, bubbles: true, composed: true }))
}

describe('mg-composer', () => {
  it('refuses to send without a stance and says so next to the stance choice', async () => {
    const el = await composer()
    type(el, 'Ein Argument ohne Haltung')
    ctrlEnter(el)
    await flush(el)
    expect(sent).toHaveLength(0)
    const error = deepQuery(el, '#stance-error')
    expect(error.textContent).toBe('Choose a stance: pro, contra or neutral.')
    expect(deepQuery(el, 'fieldset').getAttribute('aria-describedby')).toBe('stance-error')
  })

  it('refuses an empty body and marks the field invalid', async () => {
    const el = await composer()
    choose(el, 'pro')
    type(el, '   ')
    deepQuery<HTMLButtonElement>(el, 'button[type=submit]').click()
    await flush(el)
    expect(sent).toHaveLength(0)
    expect(deepQuery(el, '#body-error').textContent).toBe('Write your argument first.')
    expect(deepQuery(el, 'textarea').getAttribute('aria-invalid')).toBe('true')
  })

  it('sends with Ctrl+Enter, then clears the form and the draft', async () => {
    const el = await composer()
    choose(el, 'contra')
    type(el, 'Das stimmt so nicht.')
    ctrlEnter(el)
    await flush(el)
    expect(sent).toHaveLength(1)
    const event = sent[0]!
    expect(event.anchor).toBe('p-3')
    expect(event.input).toMatchObject({ body: 'Das stimmt so nicht.', stance: 'contra', parentId: null })
    expect(event.input.clientKey).toMatch(/^[A-Za-z0-9_-]{10,64}$/)
    expect(deepQuery<HTMLTextAreaElement>(el, 'textarea').value).toBe('')
    expect(deepQuery<HTMLInputElement>(el, 'input[value=contra]').checked).toBe(false)
    expect(localStorage.getItem(KEY)).toBeNull()
  })

  it('keeps the draft through a reload and restores it with its clientKey', async () => {
    const first = await composer()
    choose(first, 'neutral')
    type(first, 'Halb fertig')
    const stored = JSON.parse(localStorage.getItem(KEY)!)
    expect(stored).toMatchObject({ body: 'Halb fertig', stance: 'neutral' })
    first.remove()

    const second = await composer()
    expect(deepQuery<HTMLTextAreaElement>(second, 'textarea').value).toBe('Halb fertig')
    expect(deepQuery<HTMLInputElement>(second, 'input[value=neutral]').checked).toBe(true)
    ctrlEnter(second)
    await flush(second)
    expect(sent[0]!.input.clientKey).toBe(stored.clientKey)
  })

  it('keeps the draft when the network fails and retries with the same clientKey', async () => {
    const el = await composer()
    choose(el, 'pro')
    type(el, 'Offline geschrieben')
    answer = async () => {
      throw new NetworkError('Failed to fetch')
    }
    ctrlEnter(el)
    await flush(el)
    expect(deepQuery(el, '[role=alert]').textContent).toContain('Could not reach the server')
    expect(deepQuery(el, '[role=alert]').textContent).toContain('Your draft is kept.')
    expect(deepQuery<HTMLTextAreaElement>(el, 'textarea').value).toBe('Offline geschrieben')
    expect(JSON.parse(localStorage.getItem(KEY)!).body).toBe('Offline geschrieben')

    answer = async () => {
      throw new ApiError(429, 'You are posting too fast; wait a moment', 12)
    }
    ctrlEnter(el)
    await flush(el)
    expect(deepQuery(el, '[role=alert]').textContent).toContain('Try again in 12 seconds')

    answer = async () => comment({ body: 'Offline geschrieben' })
    ctrlEnter(el)
    await flush(el)
    expect(sent).toHaveLength(3)
    expect(new Set(sent.map((e) => e.input.clientKey)).size).toBe(1)
    expect(localStorage.getItem(KEY)).toBeNull()
  })

  it("shows the server's validation message next to the field it names", async () => {
    const el = await composer()
    choose(el, 'pro')
    type(el, 'x'.repeat(10))
    answer = async () => {
      throw new ApiError(400, 'body/body must be at most 5000 characters after trimming (it has 5001)')
    }
    ctrlEnter(el)
    await flush(el)
    expect(deepQuery(el, '#body-error').textContent).toBe('body/body must be at most 5000 characters after trimming (it has 5001)')
    expect(deepQuery(el, 'textarea').getAttribute('aria-describedby')).toContain('body-error')

    answer = async () => {
      throw new ApiError(400, 'body/stance must be equal to one of the allowed values')
    }
    type(el, 'anders')
    ctrlEnter(el)
    await flush(el)
    expect(deepQuery(el, '#stance-error').textContent).toBe('body/stance must be equal to one of the allowed values')
  })

  it('offers reply stances towards the parent and sends the parent id', async () => {
    const el = await composer(41)
    const labels = ['pro', 'contra', 'neutral'].map((s) =>
      deepQuery(el, `input[value=${s}]`).closest('label')!.textContent!.replace(/\s+/g, ' ').trim(),
    )
    expect(labels).toEqual(['+Supports', '−Objects', '○Remark'])
    choose(el, 'contra')
    type(el, 'Widerspruch')
    ctrlEnter(el)
    await flush(el)
    expect(sent[0]!.input).toMatchObject({ parentId: 41, stance: 'contra' })
    expect(localStorage.getItem(draftKey('sora', 'p-3', 41))).toBeNull()
  })

  it('previews the Markdown it will send', async () => {
    const el = await composer()
    type(el, 'Sehr **wichtig**')
    deepQuery<HTMLButtonElement>(el, 'button[aria-pressed]').click()
    await settle(el)
    expect(deepQuery<HTMLTextAreaElement>(el, 'textarea').hidden).toBe(true)
    expect(deepQuery(deepQuery(el, '.preview mg-markdown'), 'strong').textContent).toBe('wichtig')
  })
})
