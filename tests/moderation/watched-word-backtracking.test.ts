/**
 * A watched word is matched by a regular expression; with several `*` before further letters
 * in one word (`*a*b`, `a*a*a*b`) it backtracks for each way of splitting a long word, and one
 * long comment held the whole server for minutes. Any account can start a seminar and so
 * watch words in it, so such patterns are refused, and screening stays quick.
 */
import { describe, expect, it } from 'vitest'
import { patternProblem, screen } from '../../server/policy/watched-words.ts'
import { buildApp, write } from '../helper.ts'
import { person } from './support.ts'

describe('watched words that would backtrack', () => {
  it('refuses a pattern with more than one * before further letters of a word', async () => {
    for (const pattern of ['*a*b', 'a*a*a*b', 'f*c*k', 'gut *a*b*']) expect(patternProblem(pattern), pattern).toMatch(/one \*/)
    for (const pattern of ['idiot*', '*idiot*', 'f*ck', 'f*ck*', 'stra*e', 'a*b c*d', 'a**b'])
      expect(patternProblem(pattern), pattern).toBeNull()

    const app = await buildApp()
    const admin = await person(app, { admin: true })
    const res = await write(app, 'POST', '/api/debates/sora/watched-words', admin.cookie, { pattern: 'a*a*a*b', action: 'block' })
    expect(res.statusCode).toBe(400)
    expect(res.json()).toMatchObject({ statusCode: 400, message: expect.stringMatching(/one \*/) })
  })

  it('still screens a long word against the patterns it allows, matching as before', () => {
    const word = 'a'.repeat(5000)
    for (const pattern of ['a**b', '*b', 'a*b*', '*idiot*']) expect(screen(`${word}!`, [{ pattern, action: 'block' }]).blocked).toBeNull()
    expect(screen('Fuck!', [{ pattern: 'f**ck', action: 'block' }]).blocked).toBe('f**ck')
    expect(screen('die Fick-Idee', [{ pattern: 'f*ck', action: 'censor' }]).body).toBe('die ••••-Idee')
  })
})
