/**
 * Headers every answer carries: API answers (private debates, join codes, who is signed in)
 * are never stored by a browser or a proxy, while the client's hashed assets keep their long
 * caching; HSTS only when the site is served over https; framing refused by both headers alike.
 */
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { buildApp, signUp, write } from '../helper.ts'
import { seminarIn } from '../seminars/support.ts'

const dirs: string[] = []
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })))
})

/** A built client of one page and one hashed asset, in a temporary folder. */
async function clientBundle(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'mg-client-'))
  dirs.push(dir)
  await mkdir(join(dir, 'assets'))
  await writeFile(join(dir, 'index.html'), '<!doctype html><title>Marginalia</title>')
  await writeFile(join(dir, 'assets', 'main-3f2a1b.js'), 'export {}')
  return dir
}

describe('caching', () => {
  it('marks every API answer no-store: debates, join codes, the session, errors and unknown routes', async () => {
    const app = await buildApp()
    const { leader, url, code } = await seminarIn(app)
    const reader = await signUp(app)
    const answers = [
      await app.inject({ url: '/api/debates/sora' }),
      await app.inject({ url: url('/join-code'), headers: { cookie: leader.cookie } }),
      await app.inject({ url: `/api/join/${code}` }),
      await app.inject({ url: '/api/auth/me', headers: { cookie: reader.cookie } }),
      await app.inject({ url: '/api/auth/me' }),
      await app.inject({ url: '/api/auth/session' }),
      await write(app, 'POST', '/api/auth/login', null, { username: reader.username, password: reader.password }),
      await app.inject({ url: '/api/no-such-route' }),
      await app.inject({ url: '/api/debates/%E0%A4%A' }),
      await app.inject({ url: '/api/docs/json' }),
    ]
    for (const res of answers) expect([res.statusCode, res.headers['cache-control']]).toEqual([res.statusCode, 'no-store'])
  })

  it('keeps the long caching of hashed client assets and revalidates the page', async () => {
    const app = await buildApp({ clientDir: await clientBundle() })
    const asset = await app.inject({ url: '/assets/main-3f2a1b.js' })
    expect(asset.statusCode).toBe(200)
    expect(asset.headers['cache-control']).toContain('immutable')
    expect(asset.headers['cache-control']).toContain('max-age=31536000')
    const page = await app.inject({ url: '/d/sora' })
    expect(page.headers['cache-control']).toBe('no-cache')
  })
})

describe('transport and framing', () => {
  it('sends HSTS when the public URL is https', async () => {
    const app = await buildApp({ env: { PUBLIC_URL: 'https://debate.example' } })
    const res = await app.inject({ url: '/api/debates/sora' })
    expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains')
  })

  it('sends no HSTS over plain http', async () => {
    const app = await buildApp()
    const res = await app.inject({ url: '/api/debates/sora' })
    expect(res.headers['strict-transport-security']).toBeUndefined()
  })

  it('refuses framing with X-Frame-Options DENY, as the CSP does with frame-ancestors none', async () => {
    const app = await buildApp({ clientDir: await clientBundle() })
    for (const url of ['/d/sora', '/api/debates/sora']) {
      const res = await app.inject({ url })
      expect(res.headers['x-frame-options']).toBe('DENY')
      expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'")
    }
  })
})
