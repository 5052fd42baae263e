/**
 * The names people choose: a guest's display name, the name a leader gives a member, and an
 * account's name at registration. None may pass for the site, its staff or someone else: no
 * invisible or direction characters, no letters of one alphabet posing as another's, no
 * reserved word, no existing account's name.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { AppError } from '../../server/errors.ts'
import { checkedName, isReserved, skeleton } from '../../server/policy/names.ts'
import { buildApp, signUp, write } from '../helper.ts'
import { person } from '../moderation/support.ts'
import { joinAsGuest, seminar, seminarIn } from './support.ts'

const join = (app: Awaited<ReturnType<typeof buildApp>>, code: string, displayName: string) =>
  write(app, 'POST', '/api/join', null, { code, displayName })

describe('a guest display name', () => {
  it.each([
    ['admin', /reserved/],
    ['  Moderator ', /reserved/],
    ['Leitung', /reserved/],
    ['MARGINALIA', /reserved/],
    ['system', /reserved/],
    ['аdmin', /mixes Latin and Cyrillic letters in "аdmin"/],
    ['Mοderator', /mixes Latin and Greek letters/],
    ['ѕуѕтем', /reserved/],
    ['ａｄｍｉｎ', /reserved/],
    ['adm1n', /reserved/],
    ['Mia\u202egnoL', /invisible formatting characters/],
    ['Ma\u200bx', /invisible formatting characters/],
    ['Ma\u200dx', /invisible formatting characters/],
    ['\ufeffMax', /invisible formatting characters/],
    ['\u200b', /invisible formatting characters/],
    ['\u3164', /must not be empty/],
  ])('refuses %j with 400 saying what is wrong', async (name, why) => {
    const { app, code, debate } = await seminar({ participants: 0 })
    const res = await join(app, code, name)
    expect(res.statusCode).toBe(400)
    expect(res.json()).toMatchObject({ statusCode: 400, error: 'Bad Request', message: expect.stringMatching(why) })
    expect(res.json().message).toMatch(/^body\/displayName /)
    expect(await app.repos.seminars.members((await debate()).id)).toBe(1)
  })

  it("refuses an account's name and its look-alikes, in any case", async () => {
    const { app, code } = await seminar({ participants: 0 })
    await person(app, { name: 'lena' })
    for (const name of ['Lena', 'LENA', 'Iena', 'Ⅼena', 'lеna']) {
      const res = await join(app, code, name)
      expect(res.statusCode, name).toBe(400)
      expect(res.json().message, name).toMatch(/account|mixes/)
    }
    expect((await join(app, code, 'Lena K.')).statusCode).toBe(200)
  })

  it('refuses the name someone in the seminar already goes by, and its look-alikes', async () => {
    const { app, code, participants } = await seminar({ participants: 1 })
    const taken = participants[0]!.username
    for (const name of [taken, taken.toUpperCase(), taken.replace('1', 'l')]) {
      const res = await join(app, code, name)
      expect(res.statusCode, name).toBe(400)
      expect(res.json().message).toMatch(/the name of someone in this seminar/)
    }
    const other = await seminar({ participants: 0 })
    expect((await join(other.app, other.code, taken)).statusCode).toBe(200)
  })

  it('takes names in any one alphabet, stored in their normal form with spaces tidied', async () => {
    const { app, code } = await seminar({ participants: 0 })
    for (const [name, stored] of [
      ['Jürgen Müller', 'Jürgen Müller'],
      ['Ελένη', 'Ελένη'],
      ['Анна Петрова', 'Анна Петрова'],
      ['李雷', '李雷'],
      ['  ﬁona   Lee ', 'fiona Lee'],
    ]) {
      const res = await join(app, code, name!)
      expect(res.statusCode, name).toBe(200)
      expect(res.json().user.username).toBe(stored)
    }
  })
})

describe("a leader's rename", () => {
  it('follows the same rules, but may give a member back their own account name', async () => {
    const s = await seminar()
    const member = await person(s.app)
    expect((await write(s.app, 'POST', '/api/join', member.cookie, { code: s.code })).statusCode).toBe(200)
    const rename = (userId: number, displayName: string) =>
      write(s.app, 'PATCH', s.url(`/members/${userId}`), s.leader.cookie, { displayName })
    const guest = s.participants[0]!
    for (const name of ['Admin', 'Lehrer\u200b', 'Тeacher', member.username, s.participants[1]!.username]) {
      const res = await rename(guest.id, name)
      expect(res.statusCode, name).toBe(400)
      expect(res.json().message).toMatch(/^body\/displayName /)
    }
    expect((await rename(guest.id, 'Ａnna  B')).json().member.name).toBe('Anna B')
    expect((await rename(member.id, member.username.toUpperCase())).statusCode).toBe(200)
  })
})

describe('an account name at registration', () => {
  it('may not be a reserved word, nor look like an existing account', async () => {
    const app = await buildApp()
    for (const name of ['admin', 'Moderator', 'sys-tem']) {
      const res = await write(app, 'POST', '/api/auth/register', null, { username: name, password: 'correct horse battery' })
      expect(res.statusCode, name).toBe(400)
      expect(res.json().message).toMatch(/reserved/)
    }
    await signUp(app, 'alice')
    for (const name of ['ALICE', 'a1ice', 'al.ice']) {
      const res = await write(app, 'POST', '/api/auth/register', null, { username: name, password: 'correct horse battery' })
      expect(res.statusCode, name).toBe(409)
    }
    expect(
      (await write(app, 'POST', '/api/auth/register', null, { username: 'alicia', password: 'correct horse battery' })).statusCode,
    ).toBe(201)
  })

  it('keeps a guest from taking the name of an account made since into their next seminar', async () => {
    const app = await buildApp()
    const first = await seminarIn(app, { participants: 0 })
    const guest = await joinAsGuest(app, first.code, 'Kim')
    await signUp(app, 'kim')
    const second = await seminarIn(app, { participants: 0 })
    const res = await write(app, 'POST', '/api/join', guest.cookie, { code: second.code })
    expect(res.statusCode).toBe(400)
    expect(res.json().message).toMatch(/account/)
    expect((await write(app, 'POST', '/api/join', guest.cookie, { code: second.code, displayName: 'Kim B.' })).statusCode).toBe(200)
  })
})

describe('the rule for names', () => {
  // Letters of several alphabets, their look-alikes, invisible and direction characters, spaces.
  const pieces = fc.constantFrom(
    'a',
    'd',
    'm',
    'i',
    'n',
    'L',
    '1',
    '0',
    'о',
    'а',
    'і',
    'ο',
    'ß',
    'é',
    '李',
    ' ',
    '  ',
    '\u200b',
    '\u200d',
    '\u2060',
    '\ufeff',
    '\u202e',
    '\u00ad',
    '\u3164',
    'ﬁ',
    'Ａ',
    '-',
    '.',
  )
  const names = fc.array(fc.oneof(pieces, fc.string({ unit: 'grapheme', maxLength: 3 })), { maxLength: 12 }).map((p) => p.join(''))

  it('accepts only visible names of one alphabet per word, never a reserved one, and keeps what it accepted', () => {
    fc.assert(
      fc.property(names, (input) => {
        let name: string
        try {
          name = checkedName(input, 'body/displayName', () => null)
        } catch (err) {
          expect(err).toBeInstanceOf(AppError)
          expect((err as AppError).statusCode).toBe(400)
          return
        }
        expect(name).not.toMatch(/[\p{Cc}\p{Cf}]/u)
        expect(name.trim()).toBe(name)
        expect(name.length).toBeGreaterThan(0)
        expect(isReserved(name)).toBe(false)
        expect(checkedName(name, 'body/displayName', () => null)).toBe(name)
      }),
      { numRuns: 500 },
    )
  })

  it('gives names that read the same one skeleton', () => {
    expect(new Set(['Alice', 'ALICE', 'а1ice', 'Álice', 'al.ice', 'ａｌｉｃｅ']).size).toBe(6)
    expect(new Set(['Alice', 'ALICE', 'а1ice', 'Álice', 'al.ice', 'ａｌｉｃｅ'].map(skeleton))).toEqual(new Set([skeleton('alice')]))
    expect(skeleton('Bob')).not.toBe(skeleton('Rob'))
  })
})
