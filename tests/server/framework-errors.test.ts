/**
 * Requests the router refuses before any route sees them (a URL that does not decode, a path
 * parameter over the router's length limit) and bodies the parsers refuse answer with the
 * same public error shape as everything else, without echoing the request back.
 */
import { describe, expect, it } from 'vitest'
import { buildApp, ORIGIN } from '../helper.ts'

describe('errors raised by the router', () => {
  it('answers a URL that does not decode with 400 {statusCode, error, message}', async () => {
    const app = await buildApp()
    for (const url of ['/api/debates/%E0%A4%A', '/api/%ZZ', '/api/join/%']) {
      const res = await app.inject({ url })
      expect(res.statusCode).toBe(400)
      expect(res.json()).toStrictEqual({ statusCode: 400, error: 'Bad Request', message: expect.stringContaining('does not decode') })
      expect(res.body).not.toContain(url)
    }
  })

  it('answers an overlong path parameter with 414 {statusCode, error, message}', async () => {
    const app = await buildApp()
    const res = await app.inject({ url: `/api/debates/${'a'.repeat(500)}` })
    expect(res.statusCode).toBe(414)
    expect(res.json()).toStrictEqual({ statusCode: 414, error: 'URI Too Long', message: expect.stringContaining('longer than') })
    expect(res.body).not.toContain('aaaaaaaa')
  })

  it('names an unknown route without echoing an unbounded URL', async () => {
    const app = await buildApp()
    const long = `/api/nothing/${'x'.repeat(5000)}`
    const res = await app.inject({ url: long })
    expect(res.statusCode).toBe(404)
    expect(res.json()).toStrictEqual({
      statusCode: 404,
      error: 'Not Found',
      message: expect.stringContaining('No route GET /api/nothing/'),
    })
    expect(res.json().message.length).toBeLessThan(200)
    expect((await app.inject({ url: '/api/nothing' })).json().message).toBe('No route GET /api/nothing')
  })

  it('answers a body that is not JSON with 415 in the same shape, without quoting the Content-Type', async () => {
    const app = await buildApp()
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { origin: ORIGIN, 'content-type': 'application/x-evil; q="<script>"' },
      payload: '<xml/>',
    })
    expect(res.statusCode).toBe(415)
    expect(res.json()).toStrictEqual({ statusCode: 415, error: 'Unsupported Media Type', message: expect.stringContaining('JSON') })
    expect(res.body).not.toContain('evil')
  })

  it('answers a body that does not parse with 400 in the same shape', async () => {
    const app = await buildApp()
    for (const payload of ['{bad', '']) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { origin: ORIGIN, 'content-type': 'application/json' },
        payload,
      })
      expect(res.statusCode).toBe(400)
      expect(Object.keys(res.json()).sort()).toEqual(['error', 'message', 'statusCode'])
    }
  })
})
