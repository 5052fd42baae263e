/**
 * Requests the router refuses before any route sees them (a URL that does not decode, a path
 * parameter over the router's length limit) answer with the same public error shape as
 * everything else.
 */
import { describe, expect, it } from 'vitest'
import { buildApp } from '../helper.ts'

describe('errors raised by the router', () => {
  it('answers a URL that does not decode with 400 {statusCode, error, message}', async () => {
    const app = await buildApp()
    for (const url of ['/api/debates/%E0%A4%A', '/api/%ZZ', '/api/join/%']) {
      const res = await app.inject({ url })
      expect(res.statusCode).toBe(400)
      expect(res.json()).toStrictEqual({ statusCode: 400, error: 'Bad Request', message: expect.stringContaining('is not a valid url component') })
    }
  })

  it('answers an overlong path parameter with 414 {statusCode, error, message}', async () => {
    const app = await buildApp()
    const res = await app.inject({ url: `/api/debates/${'a'.repeat(500)}` })
    expect(res.statusCode).toBe(414)
    expect(res.json()).toStrictEqual({ statusCode: 414, error: 'URI Too Long', message: expect.stringContaining('max param length') })
  })
})
