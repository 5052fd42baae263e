import { describe, expect, it } from 'vitest'
import { buildApp, signUp } from '../helper.ts'

describe('debates', () => {
  it('a fresh install has the public debate "sora" on the Sora essay', async () => {
    const app = await buildApp()
    const list = await app.inject({ url: '/api/debates' })
    expect(list.statusCode).toBe(200)
    expect(list.json().debates).toEqual([
      expect.objectContaining({
        slug: 'sora',
        title: 'Sora: Das Spektakel der passiven Kreativität',
        essay: { slug: 'sora-spektakel', title: 'Sora: Das Spektakel der passiven Kreativität' },
      }),
    ])
  })

  it('serves the essay in reading order: the lead first, two headings, nine paragraphs', async () => {
    const app = await buildApp()
    const res = await app.inject({ url: '/api/debates/sora' })
    expect(res.statusCode).toBe(200)
    const { debate, essay } = res.json()
    expect(debate).toMatchObject({ slug: 'sora', state: 'open', visibility: 'public', seq: 0 })
    expect(essay.title).toBe('Sora: Das Spektakel der passiven Kreativität')
    const kinds = essay.blocks.map((b: { kind: string }) => b.kind)
    expect(kinds).toEqual([
      'paragraph',
      'paragraph',
      'paragraph',
      'heading',
      'paragraph',
      'paragraph',
      'paragraph',
      'heading',
      'paragraph',
      'paragraph',
      'paragraph',
    ])
    expect(essay.blocks[0].text).toMatch(/^OpenAI verspricht/)
    expect(essay.blocks[3].text).toBe('Aufstehen')
    expect(essay.blocks[7].text).toBe('Zurücklehnen')
    expect(essay.blocks.at(-1).text).toMatch(/übernommen wird\?$/)
    expect(essay.blocks[1]).toEqual({
      anchor: expect.stringMatching(/^[a-z0-9-]+$/),
      kind: 'paragraph',
      text: expect.stringContaining('Tilly Norwood'),
      counts: { comments: 0, pro: 0, contra: 0, neutral: 0 },
      positions: { pro: 0, contra: 0, undecided: 0 },
      myPosition: null,
      locked: false,
    })
  })

  it('answers 404 for an unknown debate and 400 for a malformed slug', async () => {
    const app = await buildApp()
    expect((await app.inject({ url: '/api/debates/unbekannt' })).json()).toEqual({
      statusCode: 404,
      error: 'Not Found',
      message: 'No debate "unbekannt"',
    })
    expect((await app.inject({ url: '/api/debates/Not_A_Slug' })).statusCode).toBe(400)
  })

  it('hides a private debate from everyone but its members and admins', async () => {
    const app = await buildApp()
    const essay = (await app.repos.essays.bySlug('sora-spektakel'))!
    const seminar = await app.repos.debates.create({ slug: 'seminar-a', title: 'Seminar A', essayId: essay.id, visibility: 'private' })
    const member = await signUp(app)
    const outsider = await signUp(app)
    await app.repos.debates.setRole(seminar.id, member.id, 'participant')
    for (const cookie of [undefined, outsider.cookie]) {
      const headers = cookie ? { cookie } : {}
      expect((await app.inject({ url: '/api/debates/seminar-a', headers })).statusCode).toBe(404)
      const list = (await app.inject({ url: '/api/debates', headers })).json().debates
      expect(list.map((d: { slug: string }) => d.slug)).toEqual(['sora'])
    }
    expect((await app.inject({ url: '/api/debates/seminar-a', headers: { cookie: member.cookie } })).statusCode).toBe(200)
    const list = (await app.inject({ url: '/api/debates', headers: { cookie: member.cookie } })).json().debates
    expect(list.map((d: { slug: string }) => d.slug)).toEqual(['sora', 'seminar-a'])
  })

  it('answers /health once the database answers, and documents every route at /api/docs', async () => {
    const app = await buildApp()
    expect((await app.inject({ url: '/health' })).json()).toEqual({ status: 'ok' })
    const doc = (await app.inject({ url: '/api/docs/json' })).json()
    expect(doc.openapi).toMatch(/^3\./)
    for (const path of [
      '/api/auth/register',
      '/api/auth/login',
      '/api/auth/logout',
      '/api/auth/me',
      '/api/debates',
      '/api/debates/{debate}',
      '/api/debates/{debate}/paragraphs/{anchor}/comments',
      '/api/debates/{debate}/paragraphs/{anchor}/position',
      '/api/comments/{id}',
      '/api/comments/{id}/vote',
    ]) {
      expect(Object.keys(doc.paths)).toContain(path)
    }
    expect((await app.inject({ url: '/api/docs' })).statusCode).toBeLessThan(400)
  })

  it('sends a Content-Security-Policy without inline scripts or eval', async () => {
    const app = await buildApp()
    const csp = String((await app.inject({ url: '/api/debates' })).headers['content-security-policy'])
    expect(csp).toContain("script-src 'self'")
    expect(csp).not.toContain('unsafe-inline')
    expect(csp).not.toContain('unsafe-eval')
    await signUp(app)
  })
})
