/**
 * `npm run db -- copy`: a deployment moves from SQLite to Postgres, and back, with every row,
 * id and seq, and carries on where it left off.
 */
import { describe, expect, it } from 'vitest'
import { createTestDb } from '../../db/testing.ts'
import { copyDatabase } from '../../db/copy.ts'
import { createPostgresTestDb } from '../../db/postgres.ts'
import { buildApp, paragraphs, signUp, write } from '../helper.ts'

const postgres = process.env.MARGINALIA_TEST_POSTGRES

async function debateSeen(app: Awaited<ReturnType<typeof buildApp>>, anchors: string[]) {
  const debate = (await app.inject({ url: '/api/debates/sora' })).json()
  const threads = await Promise.all(
    anchors.map(async (a) => (await app.inject({ url: `/api/debates/sora/paragraphs/${a}/comments` })).json()),
  )
  return { debate, threads }
}

describe.runIf(postgres)('copying a database between engines', () => {
  it('moves every row with its id and seq to Postgres and back, and both carry on from there', { timeout: 60_000 }, async () => {
    const sqlite = await createTestDb()
    const app = await buildApp({ db: sqlite })
    const anchors = await paragraphs(app)
    const [a, b] = [await signUp(app), await signUp(app)]
    const posted = await write(app, 'POST', `/api/debates/sora/paragraphs/${anchors[0]}/comments`, a.cookie, {
      body: 'Erstes Argument',
      stance: 'pro',
    })
    const id = posted.json().comment.id as number
    const replied = await write(app, 'POST', `/api/debates/sora/paragraphs/${anchors[0]}/comments`, b.cookie, {
      body: 'Antwort',
      stance: 'contra',
      parentId: id,
    })
    const voted = await write(app, 'PUT', `/api/comments/${id}/vote`, b.cookie, { value: 1 })
    const took = await write(app, 'PUT', `/api/debates/sora/paragraphs/${anchors[1]}/position`, a.cookie, { stance: 'undecided' })
    expect([replied.statusCode, voted.statusCode, took.statusCode]).toEqual([201, 200, 200])
    const before = await debateSeen(app, anchors)

    const pg = await createPostgresTestDb(postgres!)
    const copied = await copyDatabase(sqlite, pg)
    expect(copied.rows).toMatchObject({ users: 2, comments: 2, comment_votes: 1 })
    await app.close()
    const onPostgres = await buildApp({ db: pg })
    expect(await debateSeen(onPostgres, anchors)).toEqual(before)
    // New rows get the next ids and the next seq, and the old sessions still sign in.
    const next = await write(onPostgres, 'POST', `/api/debates/sora/paragraphs/${anchors[2]}/comments`, a.cookie, {
      body: 'Auf Postgres',
      stance: 'neutral',
    })
    expect(next.statusCode).toBe(201)
    expect(next.json().comment.id).toBe(id + 2)
    expect((await onPostgres.inject({ url: '/api/debates/sora' })).json().debate.seq).toBe(before.debate.debate.seq + 1)
    const after = await debateSeen(onPostgres, anchors)

    const back = await createTestDb()
    await copyDatabase(pg, back)
    await onPostgres.close()
    const onSqlite = await buildApp({ db: back })
    expect(await debateSeen(onSqlite, anchors)).toEqual(after)
  })

  it('refuses a target that already holds a debate, and copies nothing', async () => {
    const source = await createTestDb()
    const app = await buildApp({ db: source })
    const target = await createPostgresTestDb(postgres!)
    const other = await buildApp({ db: target })
    await expect(copyDatabase(source, target)).rejects.toThrow(/not empty/)
    expect((await other.inject({ url: '/api/debates' })).json().debates).toHaveLength(1)
    await app.close()
  })
})
