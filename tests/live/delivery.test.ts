import { describe, expect, it } from 'vitest'
import { EventsRepository } from '../../server/repositories/events.ts'
import type { Payload } from '../../server/schemas/live.ts'
import { ORIGIN, paragraphs, signUp, write } from '../helper.ts'
import { LiveClient, range, startLive } from './support.ts'

describe('live delivery', () => {
  it('brings a posted argument to every subscriber, the writer’s own tab included, and its tab id to that tab alone', async () => {
    const live = await startLive()
    const [anchor] = await paragraphs(live.app)
    const writer = await signUp(live.app)
    const reader = await LiveClient.open(live)
    const own = await LiveClient.open(live, { cookie: writer.cookie, clientId: 'tab-writer' })
    expect((await reader.subscribe()).seq).toBe(0)
    await own.subscribe()

    const res = await live.app.inject({
      method: 'POST',
      url: `/api/debates/sora/paragraphs/${anchor}/comments`,
      headers: { origin: ORIGIN, cookie: writer.cookie, 'x-client-id': 'tab-writer' },
      payload: { body: 'Sora zeigt, was wir sehen wollen.', stance: 'contra' },
    })
    expect(res.statusCode).toBe(201)
    const posted = res.json().comment

    // Only the writing tab is told its own tab id; to anyone else it would tie the writer's
    // frames across debates together.
    for (const [client, clientId] of [
      [reader, null],
      [own, 'tab-writer'],
    ] as const) {
      const event = await client.waitFor((f) => f.type === 'comment.created')
      expect(event).toMatchObject({
        type: 'comment.created',
        debate: 'sora',
        seq: 1,
        anchor,
        clientId,
        counts: { comments: 1, pro: 0, contra: 1, neutral: 0 },
      })
      // The same shape as the REST API's, so the client renders it without refetching.
      expect(event.comment).toEqual(posted)
    }
  })

  it('announces edits, deletions, votes and positions, each with the next seq', async () => {
    const live = await startLive()
    const [anchor] = await paragraphs(live.app)
    const author = await signUp(live.app)
    const voter = await signUp(live.app)
    const client = await LiveClient.open(live)
    await client.subscribe()

    const posted = await write(live.app, 'POST', `/api/debates/sora/paragraphs/${anchor}/comments`, author.cookie, {
      body: 'Erste Fassung',
      stance: 'pro',
    })
    const id = posted.json().comment.id
    expect((await write(live.app, 'PATCH', `/api/comments/${id}`, author.cookie, { body: 'Zweite Fassung' })).statusCode).toBe(200)
    expect((await write(live.app, 'PUT', `/api/comments/${id}/vote`, voter.cookie, { value: 1 })).statusCode).toBe(200)
    expect(
      (await write(live.app, 'PUT', `/api/debates/sora/paragraphs/${anchor}/position`, voter.cookie, { stance: 'contra' })).statusCode,
    ).toBe(200)
    expect((await write(live.app, 'DELETE', `/api/comments/${id}`, author.cookie)).statusCode).toBe(204)

    await client.until(() => client.events().length === 5, 'five events')
    await client.sync()
    const events = client.events()
    expect(events.map((e) => e.type)).toEqual([
      'comment.created',
      'comment.updated',
      'comment.voted',
      'position.changed',
      'comment.deleted',
    ])
    expect(events.map((e) => e.seq)).toEqual(range(1, 5))
    expect(events[1]).toMatchObject({ anchor, comment: { id, body: 'Zweite Fassung' }, clientId: null })
    expect(events[2]).toMatchObject({ anchor, commentId: id, votes: 1 })
    expect(events[3]).toMatchObject({ anchor, positions: { pro: 0, contra: 1, undecided: 0 } })
    expect(events[4]).toMatchObject({ anchor, comment: { id, deleted: true, body: null }, counts: { comments: 0 } })
  })

  it('sends nothing for a change that was refused', async () => {
    const live = await startLive()
    const [anchor] = await paragraphs(live.app)
    const user = await signUp(live.app)
    const client = await LiveClient.open(live)
    await client.subscribe()

    const refused = await write(live.app, 'POST', `/api/debates/sora/paragraphs/${anchor}/comments`, user.cookie, {
      body: 'x',
      stance: 'pro',
      parentId: 999_999,
    })
    expect(refused.statusCode).toBe(400)
    await write(live.app, 'POST', `/api/debates/sora/paragraphs/${anchor}/comments`, user.cookie, { body: 'gilt', stance: 'pro' })

    await client.waitFor((f) => f.type === 'comment.created')
    await client.sync()
    expect(client.events().map((e) => [e.seq, e.comment.body])).toEqual([[1, 'gilt']])
  })

  it('keeps debates apart: a socket receives the events of the debates it follows only', async () => {
    const live = await startLive()
    const sora = (await live.app.repos.debates.bySlug('sora'))!
    await live.app.repos.debates.create({ slug: 'seminar', title: 'Seminar', essayId: sora.essayId })
    const [anchor] = await paragraphs(live.app)
    const user = await signUp(live.app)
    const soraOnly = await LiveClient.open(live)
    const both = await LiveClient.open(live)
    await soraOnly.subscribe('sora')
    await both.subscribe('sora')
    await both.subscribe('seminar')

    await write(live.app, 'POST', `/api/debates/seminar/paragraphs/${anchor}/comments`, user.cookie, { body: 'im Seminar', stance: 'pro' })
    await write(live.app, 'POST', `/api/debates/sora/paragraphs/${anchor}/comments`, user.cookie, { body: 'öffentlich', stance: 'pro' })

    await both.until(() => both.events('sora').length === 1 && both.events('seminar').length === 1, 'one event per debate')
    await soraOnly.waitFor((f) => f.type === 'comment.created')
    await soraOnly.sync()
    expect(soraOnly.frames.some((f) => f.debate === 'seminar')).toBe(false)
    expect(both.events('seminar')[0]).toMatchObject({ seq: 1, comment: { body: 'im Seminar' } })
  })

  it('stops sending a debate’s events after unsubscribe', async () => {
    const live = await startLive()
    const [anchor] = await paragraphs(live.app)
    const user = await signUp(live.app)
    const client = await LiveClient.open(live)
    await client.subscribe()
    client.send({ type: 'unsubscribe', debate: 'sora' })
    await client.waitFor((f) => f.type === 'unsubscribed' && f.debate === 'sora')

    await write(live.app, 'POST', `/api/debates/sora/paragraphs/${anchor}/comments`, user.cookie, { body: 'ungehört', stance: 'pro' })
    await client.sync()
    expect(client.events()).toEqual([])
  })

  it('tells every reader to refetch when an event cannot be presented, and carries on', async () => {
    const live = await startLive()
    const [anchor] = await paragraphs(live.app)
    const user = await signUp(live.app)
    const clients = [await LiveClient.open(live), await LiveClient.open(live, { cookie: user.cookie })]
    for (const client of clients) await client.subscribe()

    // A malformed entry of the log, such as an older or damaged one.
    const malformed = { anchor, comment: { id: 12345 } } as unknown as Payload<'comment.updated'>
    const sora = (await live.app.repos.debates.bySlug('sora'))!
    const broken = await live.app.db.transaction((tx) => EventsRepository.append(tx, sora, 'comment.updated', malformed))
    live.app.hub.publish([broken])
    await write(live.app, 'POST', `/api/debates/sora/paragraphs/${anchor}/comments`, user.cookie, { body: 'danach', stance: 'pro' })

    for (const client of clients) {
      await client.waitFor((f) => f.type === 'comment.created')
      await client.sync()
      expect(client.frames.filter((f) => f.seq !== undefined && f.type !== 'subscribed').map((f) => [f.type, f.seq])).toEqual([
        ['reset', 1],
        ['comment.created', 2],
      ])
    }
  })

  it('answers a plain GET with 426, since the endpoint only speaks WebSocket', async () => {
    const live = await startLive()
    const res = await live.app.inject({ url: '/api/live' })
    expect(res.statusCode).toBe(426)
    expect(res.json()).toMatchObject({ statusCode: 426, error: 'Upgrade Required' })
  })
})
