/**
 * The OpenAPI document lists the refusals the server gives before a route's own checks (400
 * for a malformed client id, 413 and 415 for a body, 414 for an overlong path parameter, 431
 * for headers), and a rule reads the same wherever it is checked.
 */
import { describe, expect, it } from 'vitest'
import { buildApp, paragraphs, signUp, write } from '../helper.ts'

type Operation = { requestBody?: unknown; responses: Record<string, unknown> }

describe('the OpenAPI document', () => {
  it('lists 413 and 415 on every route that takes a body, 414 on every route with path parameters, and 400 and 431 on every route', async () => {
    const app = await buildApp()
    const doc = (await app.inject({ url: '/api/docs/json' })).json() as { paths: Record<string, Record<string, Operation>> }
    const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({ path, method, op })),
    )
    const withBody = operations.filter((o) => o.op.requestBody !== undefined)
    expect(withBody.map((o) => `${o.method} ${o.path}`)).toContain('post /api/auth/login')
    for (const { op } of withBody) expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['413', '415']))
    for (const { op } of operations) expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['400', '431']))
    for (const { method, op } of operations) if (method !== 'get') expect(Object.keys(op.responses)).toContain('413')
    for (const { path, op } of operations) if (path.includes('{')) expect(Object.keys(op.responses)).toContain('414')
    // The same error schema as the route's own refusals.
    const responses = doc.paths['/api/auth/login']!.post!.responses
    expect(responses['415']).toEqual(responses['401'])
  })

  it('documents the session probe with a nullable user', async () => {
    const app = await buildApp()
    const doc = (await app.inject({ url: '/api/docs/json' })).json()
    const schema = JSON.stringify(doc.paths['/api/auth/session'].get.responses['200'])
    expect(schema).toContain('null')
  })
})

describe('length rules', () => {
  it('words a schema length limit as the domain words its own: "must be at most N characters"', async () => {
    const app = await buildApp()
    const { cookie } = await signUp(app)
    const [anchor] = await paragraphs(app)
    // A comment's length has one rule, checked once: however long the body, the same message.
    for (const length of [5_001, 20_001]) {
      const long = await write(app, 'POST', `/api/debates/sora/paragraphs/${anchor}/comments`, cookie, {
        body: 'x'.repeat(length),
        stance: 'pro',
      })
      expect(long.statusCode).toBe(400)
      expect(long.json().message).toBe(`body/body must be at most 5000 characters after trimming (it has ${length})`)
    }
    const short = await write(app, 'POST', '/api/auth/register', null, { username: 'ab', password: 'long enough' })
    expect(short.json().message).toBe('body/username must be at least 3 characters')
  })
})
