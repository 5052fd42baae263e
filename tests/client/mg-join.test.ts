import { html } from 'lit'
import { describe, expect, it } from 'vitest'
import '../../client/views/seminar/mg-join/mg-join.ts'
import type { MgJoin } from '../../client/views/seminar/mg-join/mg-join.ts'
import { initialState } from '../../client/state/store.ts'
import { deepQuery, flush, settle, textOf } from './helpers.ts'
import { answerCalls, fakeServer, renderInto, testHost } from './seminar-helpers.ts'

const preview = { debate: { slug: 'klasse-11b-x1y2z', title: 'Klasse 11b' }, anonymous: true, signedIn: false }
const guest = { id: 41, username: 'Mia', isAdmin: false, guest: true }

async function joinPage(route: Parameters<typeof fakeServer>[0], code = 'abcd-efgh') {
  const server = fakeServer(route)
  const host = testHost()
  const page = answerCalls(host, { ...initialState(), user: null }, server.api)
  const el = renderInto<MgJoin>(host, html`<mg-join code=${code} .user=${null}></mg-join>`)
  await settle(host)
  return { el, host, ...server, ...page }
}

describe('the join page', () => {
  it('shows the seminar, asks a guest for a name and joins with it', async () => {
    const { el, host, requests, store, destinations } = await joinPage((method, path, body) => {
      if (method === 'GET' && path === '/api/join/ABCDEFGH') return { status: 200, body: preview }
      if (method === 'POST' && path === '/api/join')
        return {
          status: 200,
          body: { debate: preview.debate, user: { ...guest, username: (body as { displayName: string }).displayName } },
        }
      return undefined
    })
    el.code = 'ABCD-EFGH'
    await settle(host)
    expect(textOf(el)).toContain('Klasse 11b')
    expect(textOf(el)).toContain('ABCD-EFGH')
    expect(textOf(el)).toMatch(/anonymous/i)

    // Without a name nothing is sent and the field says why.
    deepQuery<HTMLButtonElement>(el, 'button[type=submit]').click()
    await settle(host)
    expect(requests.filter((r) => r.method === 'POST')).toHaveLength(0)
    expect(deepQuery(el, '[role=alert]').textContent).toMatch(/name/i)

    const input = deepQuery<HTMLInputElement>(el, 'input#name')
    input.value = 'Mia'
    input.dispatchEvent(new Event('input'))
    await settle(host)
    deepQuery<HTMLButtonElement>(el, 'button[type=submit]').click()
    await flush(host)

    expect(requests.at(-1)).toEqual({ method: 'POST', path: '/api/join', body: { code: 'ABCDEFGH', displayName: 'Mia' } })
    expect(store.state.user).toMatchObject({ id: 41, username: 'Mia', guest: true })
    expect(destinations).toEqual(['/d/klasse-11b-x1y2z'])
  })

  it('says plainly when the code is unknown or expired', async () => {
    const { el, host } = await joinPage(() => ({
      status: 404,
      body: { statusCode: 404, error: 'Not Found', message: 'No seminar with this code' },
    }))
    el.code = 'WRONG123'
    await flush(host)
    expect(deepQuery(el, '[role=alert]').textContent).toMatch(/no seminar with this code/i)
    expect(el.shadowRoot!.querySelector('form')).toBeNull()
  })

  it('says when there were too many wrong tries, and for how long', async () => {
    const { el, host } = await joinPage(() => ({
      status: 429,
      body: { statusCode: 429, error: 'Too Many Requests', message: 'Too many failed joins' },
      headers: { 'retry-after': '600' },
    }))
    el.code = 'WRONG124'
    await flush(host)
    expect(deepQuery(el, '[role=alert]').textContent).toMatch(/too many wrong codes.*10 minutes/i)
  })

  it('offers a signed-in reader to join under their name', async () => {
    const { el, host, requests } = await joinPage((method, path) => {
      if (method === 'GET') return { status: 200, body: { ...preview, signedIn: true } }
      if (method === 'POST' && path === '/api/join')
        return { status: 200, body: { debate: preview.debate, user: { id: 5, username: 'ada', isAdmin: false, guest: false } } }
      return undefined
    })
    el.user = { id: 5, username: 'ada', isAdmin: false, guest: false }
    el.code = 'ABCDEFGH'
    await settle(host)
    expect(el.shadowRoot!.querySelector('input#name')).toBeNull()
    const button = deepQuery<HTMLButtonElement>(el, 'button[type=submit]')
    expect(button.textContent).toMatch(/join as ada/i)
    button.click()
    await flush(host)
    expect(requests.at(-1)).toEqual({ method: 'POST', path: '/api/join', body: { code: 'ABCDEFGH' } })
  })
})
