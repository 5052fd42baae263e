import { count } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { positionChanges, positions } from '../../db/schema.ts'
import { buildApp, paragraphs, signUp, write } from '../helper.ts'

describe('readers’ positions', () => {
  it('holds one current position per reader and paragraph, keeps every change, and tallies', async () => {
    const app = await buildApp()
    const [lead, second] = await paragraphs(app)
    const url = `/api/debates/sora/paragraphs/${lead}/position`
    const a = await signUp(app)
    const b = await signUp(app)
    expect((await write(app, 'PUT', url, a.cookie, { stance: 'pro' })).json()).toEqual({
      positions: { pro: 1, contra: 0, undecided: 0 },
    })
    expect((await write(app, 'PUT', url, b.cookie, { stance: 'contra' })).json().positions).toEqual({ pro: 1, contra: 1, undecided: 0 })
    expect((await write(app, 'PUT', url, a.cookie, { stance: 'undecided' })).json().positions).toEqual({ pro: 0, contra: 1, undecided: 1 })
    // Taking the same position again is not a change.
    await write(app, 'PUT', url, a.cookie, { stance: 'undecided' })
    expect((await app.db.select({ n: count() }).from(positions))[0]!.n).toBe(2)
    const history = await app.repos.positions.history((await app.repos.debates.bySlug('sora'))!.id, a.id)
    expect(history.map((h) => h.stance)).toEqual(['pro', 'undecided'])
    const debate = (await app.inject({ url: '/api/debates/sora', headers: { cookie: a.cookie } })).json()
    const blocks = debate.essay.blocks as { anchor: string; positions: object; myPosition: string | null }[]
    expect(blocks.find((x) => x.anchor === lead)).toMatchObject({ positions: { pro: 0, contra: 1, undecided: 1 }, myPosition: 'undecided' })
    expect(blocks.find((x) => x.anchor === second)).toMatchObject({ positions: { pro: 0, contra: 0, undecided: 0 }, myPosition: null })
  })

  it('refuses anonymous readers and invalid stances, and writes nothing', async () => {
    const app = await buildApp()
    const [lead] = await paragraphs(app)
    const url = `/api/debates/sora/paragraphs/${lead}/position`
    const { cookie } = await signUp(app)
    expect((await write(app, 'PUT', url, null, { stance: 'pro' })).statusCode).toBe(401)
    const bad = await write(app, 'PUT', url, cookie, { stance: 'neutral' })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().message).toContain('body/stance')
    expect((await write(app, 'PUT', url, cookie, { stance: 'pro', extra: 1 })).statusCode).toBe(400)
    expect((await write(app, 'PUT', '/api/debates/sora/paragraphs/p-missing/position', cookie, { stance: 'pro' })).statusCode).toBe(404)
    expect((await app.db.select({ n: count() }).from(positionChanges))[0]!.n).toBe(0)
  })
})
