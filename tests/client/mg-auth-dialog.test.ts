/**
 * The sign-in dialog checks the account rules only when registering: signing in sends what
 * was typed, so the form never teaches the password rule and an older account still gets in.
 * And the session probe a page makes on opening treats an anonymous reader as no error.
 */
import { html } from 'lit'
import { describe, expect, it } from 'vitest'
import '../../client/components/mg-auth-dialog/mg-auth-dialog.ts'
import type { MgAuthDialog } from '../../client/components/mg-auth-dialog/mg-auth-dialog.ts'
import type { MgAuthenticateEvent } from '../../client/events/authenticate.ts'
import { Api } from '../../client/services/api.ts'
import { deepQuery, fixture, settle } from './helpers.ts'

async function submit(mode: 'login' | 'register', username: string, password: string) {
  const el = await fixture<MgAuthDialog>(html`<mg-auth-dialog .mode=${mode}></mg-auth-dialog>`)
  const sent: { mode: string; username: string; password: string }[] = []
  el.addEventListener('mg-authenticate', (e: MgAuthenticateEvent) => {
    sent.push({ mode: e.mode, username: e.username, password: e.password })
    e.respondWith(Promise.resolve({ id: 1, username, isAdmin: false }))
  })
  deepQuery<HTMLInputElement>(el, '#username').value = username
  deepQuery<HTMLInputElement>(el, '#password').value = password
  deepQuery<HTMLButtonElement>(el, 'button[type=submit]').click()
  await settle(el)
  return { el, sent }
}

describe('the sign-in dialog', () => {
  it('signs in with a short password as typed, with no rule shown', async () => {
    const { el, sent } = await submit('login', 'veteran', 'old pw')
    expect(sent).toEqual([{ mode: 'login', username: 'veteran', password: 'old pw' }])
    expect(el.renderRoot.querySelector('#password-error')).toBeNull()
    expect(el.renderRoot.querySelector('#password')?.hasAttribute('minlength')).toBe(false)
  })

  it('still asks a new account for 8 characters', async () => {
    const { el, sent } = await submit('register', 'newcomer', 'short')
    expect(sent).toEqual([])
    expect(deepQuery(el, '#password-error').textContent).toMatch(/8/)
  })
})

describe('the session probe', () => {
  it('asks the session endpoint and reads an anonymous reader as no user', async () => {
    const asked: string[] = []
    const api = new Api({
      clientId: 'tab',
      fetch: async (input) => {
        asked.push(String(input))
        return new Response(JSON.stringify({ user: null }), { status: 200, headers: { 'content-type': 'application/json' } })
      },
    })
    expect(await api.me()).toBeNull()
    expect(asked).toEqual(['/api/auth/session'])
  })
})
