/**
 * The schema-driven HTTP fuzz at a small scale with a fixed seed, and its judge on answers made
 * wrong on purpose, so a defect it exists to find would fail this test.
 */
import { describe, expect, it } from 'vitest'
import { judge, operationsOf, ResponseSchemas, run, type OpenApi } from '../../torture/http-fuzz.ts'
import { buildApp, paragraphs, signUp, write } from '../helper.ts'

describe('schema-driven HTTP fuzz', () => {
  it('answers a few hundred drawn requests with no 5xx, the one error shape and the documented bodies', async () => {
    const result = await run({ seed: 20261203, scale: 0.03 })
    expect(
      result.checks.filter((c) => !c.pass),
      (result.notes ?? []).join('\n'),
    ).toEqual([])
    expect(result.figures.requests).toBe(300)
  }, 90_000)

  it('judges a 5xx, an error of another shape and a body off its schema as failures', async () => {
    const app = await buildApp()
    const doc = (await app.inject({ url: '/api/docs/json' })).json() as OpenApi
    const schemas = new ResponseSchemas(doc)
    const op = operationsOf(doc).find((o) => o.method === 'GET' && o.path === '/api/comments/{id}')!
    const user = await signUp(app)
    const [anchor] = await paragraphs(app)
    const posted = await write(app, 'POST', `/api/debates/sora/paragraphs/${anchor}/comments`, user.cookie, {
      body: 'A claim',
      stance: 'pro',
    })
    const real = await app.inject({ url: `/api/comments/${posted.json().comment.id}` })
    const headers = real.headers
    expect(judge(op, real, schemas)).toBeNull()

    const comment = real.json().comment
    const answer = (statusCode: number, body: unknown) => ({ statusCode, headers, body: JSON.stringify(body) })
    expect(judge(op, answer(500, { statusCode: 500, error: 'Internal Server Error', message: 'x' }), schemas)).toMatch(/500/)
    expect(judge(op, answer(404, { statusCode: 404, code: 'FST_X', error: 'Not Found', message: 'x' }), schemas)).toMatch(/keys/)
    expect(judge(op, answer(404, { statusCode: 400, error: 'Not Found', message: 'x' }), schemas)).toMatch(/differs/)
    expect(judge(op, answer(200, { comment: { ...comment, stance: 'maybe' } }), schemas)).toMatch(/does not match/)
    expect(judge(op, answer(200, { comment: { ...comment, createdAt: 'yesterday' } }), schemas)).toMatch(/does not match/)
    expect(judge(op, answer(200, { debate: 'sora' }), schemas)).toMatch(/does not match/)
    expect(judge(op, answer(201, { comment, debate: 'sora' }), schemas)).toMatch(/not documented/)
  })
})
