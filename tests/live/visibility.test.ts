import { describe, expect, it } from 'vitest'
import { paragraphs, signUp, write } from '../helper.ts'
import { LiveClient, range, startLive } from './support.ts'

describe('per-event visibility', () => {
  it('shows a comment awaiting approval to its author and the moderators only; others get a skip', async () => {
    const live = await startLive()
    const [anchor] = await paragraphs(live.app)
    const debate = (await live.app.repos.debates.bySlug('sora'))!
    const owner = await signUp(live.app)
    const author = await signUp(live.app)
    await live.app.repos.debates.setRole(debate.id, owner.id, 'owner')
    expect((await write(live.app, 'PATCH', '/api/debates/sora/settings', owner.cookie, { preModeration: true })).statusCode).toBe(200)

    const moderator = await LiveClient.open(live, { cookie: owner.cookie })
    const own = await LiveClient.open(live, { cookie: author.cookie })
    const reader = await LiveClient.open(live)
    for (const client of [moderator, own, reader]) await client.subscribe('sora', 0)

    const posted = await write(live.app, 'POST', `/api/debates/sora/paragraphs/${anchor}/comments`, author.cookie, {
      body: 'Wartet auf Freigabe',
      stance: 'contra',
    })
    expect(posted.json().comment.status).toBe('pending')
    const seq = (await live.app.repos.debates.bySlug('sora'))!.seq

    for (const client of [moderator, own, reader]) {
      await client.until(() => client.seqs().at(-1) === seq, `seq ${seq}`)
      await client.sync()
      // Every client's log is whole, whatever it may see of it.
      expect(client.seqs()).toEqual(range(1, seq))
    }
    for (const client of [moderator, own]) {
      expect(client.events().find((e) => e.type === 'comment.created')).toMatchObject({
        comment: { body: 'Wartet auf Freigabe', status: 'pending' },
      })
    }
    expect(JSON.stringify(reader.frames)).not.toContain('Wartet auf Freigabe')
    expect(reader.events().some((e) => e.type === 'comment.created')).toBe(false)
    expect(reader.frames.filter((f) => f.type === 'skip').length).toBeGreaterThan(0)

    // A replay applies the same rules.
    const later = await LiveClient.open(live)
    await later.subscribe('sora', 0)
    await later.until(() => later.seqs().length === seq, `${seq} seqs`)
    expect(later.seqs()).toEqual(range(1, seq))
    expect(JSON.stringify(later.frames)).not.toContain('Wartet auf Freigabe')
  })
})
