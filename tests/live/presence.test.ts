import { describe, expect, it } from 'vitest'
import { paragraphs, signUp, write } from '../helper.ts'
import { LiveClient, startLive, type Live } from './support.ts'

describe('presence', () => {
  it('counts who is online and who reads which paragraph', async () => {
    const live = await startLive({ live: { presenceIntervalMs: 20 } })
    const [first, second] = await paragraphs(live.app)
    const alice = await signUp(live.app)
    const a = await LiveClient.open(live, { cookie: alice.cookie })
    const aSecondTab = await LiveClient.open(live, { cookie: alice.cookie })
    const b = await LiveClient.open(live)
    const c = await LiveClient.open(live)
    for (const client of [a, aSecondTab, b, c]) await client.subscribe()

    a.send({ type: 'focus', debate: 'sora', anchor: first })
    aSecondTab.send({ type: 'focus', debate: 'sora', anchor: first })
    b.send({ type: 'focus', debate: 'sora', anchor: first })
    c.send({ type: 'focus', debate: 'sora', anchor: second })
    // A reader with two tabs counts once.
    const expected = { type: 'presence', debate: 'sora', online: 3, readers: { [first!]: 2, [second!]: 1 } }
    for (const client of [a, b, c]) expect(await client.waitFor((f) => JSON.stringify(f) === JSON.stringify(expected))).toEqual(expected)

    c.socket.close()
    b.send({ type: 'focus', debate: 'sora', anchor: null })
    const after = { type: 'presence', debate: 'sora', online: 2, readers: { [first!]: 1 } }
    expect(await a.waitFor((f) => JSON.stringify(f) === JSON.stringify(after))).toEqual(after)
  })

  it('refuses focus on a paragraph the debate does not have, or on a debate not followed', async () => {
    const live = await startLive()
    const client = await LiveClient.open(live)
    client.send({ type: 'focus', debate: 'sora', anchor: 'p-41df08bd' })
    expect(await client.waitFor((f) => f.type === 'error')).toMatchObject({ message: 'Subscribe to "sora" first' })
    await client.subscribe()
    client.send({ type: 'focus', debate: 'sora', anchor: 'kein-absatz' })
    await client.until(() => client.frames.filter((f) => f.type === 'error').length === 2, 'a second error')
    expect(client.frames.filter((f) => f.type === 'error')[1]).toMatchObject({ message: 'No paragraph "kein-absatz" in debate "sora"' })
  })
})

/** A signed-in typist and an anonymous reader, both following the default debate. */
async function typistAndReader(live: Live) {
  const [anchor] = await paragraphs(live.app)
  const writer = await signUp(live.app)
  const typist = await LiveClient.open(live, { cookie: writer.cookie })
  const reader = await LiveClient.open(live)
  await typist.subscribe()
  await reader.subscribe()
  return { anchor, typist, reader }
}

describe('typing notices', () => {
  it('tell the debate’s other readers that someone writes, without a name', async () => {
    const { anchor, typist, reader } = await typistAndReader(await startLive())

    typist.send({ type: 'typing', debate: 'sora', anchor, stance: 'contra' })
    expect(await reader.waitFor((f) => f.type === 'typing')).toEqual({
      type: 'typing',
      debate: 'sora',
      anchor,
      stance: 'contra',
      expiresIn: 5000,
    })
    await typist.sync()
    expect(typist.frames.some((f) => f.type === 'typing')).toBe(false)
  })

  it('expire by themselves unless repeated', async () => {
    const { anchor, typist, reader } = await typistAndReader(await startLive({ live: { typingExpiresMs: 50 } }))

    typist.send({ type: 'typing', debate: 'sora', anchor, stance: 'pro' })
    expect(await reader.waitFor((f) => f.type === 'typing')).toMatchObject({ anchor, stance: 'pro', expiresIn: 50 })
    await reader.until(() => Object.keys(reader.typing()).length === 0, 'the typing notice to expire')
    // Nothing came to renew it: the notice ended by itself.
    await reader.sync()
    expect(reader.frames.filter((f) => f.type === 'typing')).toHaveLength(1)
    expect(reader.typing()).toEqual({})
  })

  it('are refused from anonymous readers and dropped beyond the rate limit', async () => {
    const live = await startLive({ live: { typing: { limit: 2, windowMs: 60_000 } } })
    const [anchor] = await paragraphs(live.app)
    const writer = await signUp(live.app)
    const anonymous = await LiveClient.open(live)
    const typist = await LiveClient.open(live, { cookie: writer.cookie })
    const reader = await LiveClient.open(live)
    for (const client of [anonymous, typist, reader]) await client.subscribe()

    anonymous.send({ type: 'typing', debate: 'sora', anchor, stance: 'pro' })
    expect(await anonymous.waitFor((f) => f.type === 'error')).toMatchObject({ message: 'Sign in to write' })
    for (let i = 0; i < 5; i++) typist.send({ type: 'typing', debate: 'sora', anchor, stance: 'pro' })
    await typist.sync()
    await reader.sync()
    expect(reader.frames.filter((f) => f.type === 'typing')).toHaveLength(2)
    expect(typist.frames.some((f) => f.type === 'error')).toBe(false)
  })

  it('are refused from a reader who may not post, e.g. in a locked debate', async () => {
    const live = await startLive()
    const [anchor] = await paragraphs(live.app)
    const owner = await signUp(live.app)
    const writer = await signUp(live.app)
    await live.app.repos.debates.setRole((await live.app.repos.debates.bySlug('sora'))!.id, owner.id, 'owner')
    expect((await write(live.app, 'PATCH', '/api/debates/sora/settings', owner.cookie, { locked: true })).statusCode).toBe(200)
    const typist = await LiveClient.open(live, { cookie: writer.cookie })
    const reader = await LiveClient.open(live)
    await typist.subscribe()
    await reader.subscribe()

    typist.send({ type: 'typing', debate: 'sora', anchor, stance: 'pro' })
    expect(await typist.waitFor((f) => f.type === 'error')).toMatchObject({ debate: 'sora', message: expect.stringContaining('locked') })
    await reader.sync()
    expect(reader.frames.some((f) => f.type === 'typing')).toBe(false)
  })
})
