/**
 * The seminar record in the browser: a leader and two students; the students argue, reply,
 * vote and answer a poll; the leader reads the record (its sections and everyone's row),
 * sorts the participation table by mouse and keyboard, sets the grading rule, adjusts a
 * mark and releases the marks, which appear on a student's record page live; the leader
 * downloads every export through the page's links, and each parses; axe finds nothing on
 * either page; and the page speaks German when German is the language.
 */
import { ArgdownApplication, ModelPlugin, ParserPlugin } from '@argdown/core'
import { readFileSync } from 'node:fs'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { DEFAULT_ESSAY } from '../../server/seed.ts'
import { parseCsv } from '../csv.ts'
import { apiReader, axeViolations, guestReader, outputPath, pageAs, shownText as text, useHarness, type ApiReader } from './harness.ts'

const h = useHarness()
let names = 0
const fresh = (prefix: string) => `${prefix}${process.pid % 1000}r${++names}`

async function expectOk(res: Promise<{ status: number; json: unknown }>, status = 200) {
  const r = await res
  expect(r.status, JSON.stringify(r.json)).toBe(status)
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the API's answers, of many shapes
  return r.json as any
}

/** Opens the debate's record as a first address, as a bookmark or a shared link would. */
async function openRecord(page: Page, slug: string) {
  await page.goto(`${h.url}/d/${slug}/record`)
  await page.locator('mg-record').waitFor()
}

/** A seminar in which the leader spotlit the first paragraph, Ada argued twice and Ben replied once, both voted, and a poll ran. */
async function argued() {
  const leader = await apiReader(h, fresh('lead'))
  const created = await expectOk(leader.request('POST', '/api/seminars', { essay: DEFAULT_ESSAY, title: 'Ethik 10b' }), 201)
  const slug: string = created.debate.slug
  const code: string = created.joinCode
  const ada = await guestReader(h, code, fresh('Ada'))
  const ben = await guestReader(h, code, fresh('Ben'))
  await expectOk(leader.request('PUT', `/api/debates/${slug}/phase`, { phase: 'open' }))
  const essay = await expectOk(leader.request('GET', `/api/debates/${slug}`))
  const anchors: string[] = essay.essay.blocks
    .filter((b: { kind: string }) => b.kind === 'paragraph')
    .map((b: { anchor: string }) => b.anchor)
  const post = (who: ApiReader, anchor: string, body: string, stance: string, parentId?: number) =>
    expectOk(
      who.request('POST', `/api/debates/${slug}/paragraphs/${anchor}/comments`, { body, stance, ...(parentId ? { parentId } : {}) }),
      201,
    )
  await expectOk(leader.request('PUT', `/api/debates/${slug}/spotlight`, { anchor: anchors[0] }))
  const strong = (await post(ada, anchors[0]!, 'Die App macht aus Zuschauern Regisseure ohne Drehbuch.', 'pro')).comment
  await post(ada, anchors[1]!, 'Ein Werkzeug ist noch kein Werk.', 'contra')
  await post(ben, anchors[0]!, 'Regie ohne Drehbuch ist keine Regie.', 'contra', strong.id)
  await expectOk(ben.request('PUT', `/api/comments/${strong.id}/vote`, { value: 1 }))
  const poll = (await expectOk(leader.request('POST', `/api/debates/${slug}/polls`, { anchor: anchors[0] }), 201)).poll
  await expectOk(ada.request('PUT', `/api/polls/${poll.id}/vote`, { stance: 'pro' }))
  await expectOk(ben.request('PUT', `/api/polls/${poll.id}/vote`, { stance: 'contra' }))
  await expectOk(leader.request('POST', `/api/polls/${poll.id}/close`))
  return { leader, ada, ben, slug }
}

/** The participation table's names, top to bottom. */
async function namesInOrder(page: Page): Promise<string[]> {
  return page.locator('mg-participation-table tbody th').allTextContents()
}

describe('the seminar record', () => {
  it('shows the leader the whole record, grades, releases live to a student, and downloads every export', async () => {
    const { leader, ada, ben, slug } = await argued()
    const lead = await pageAs(h, leader)
    await lead.goto(`${h.url}/d/${slug}`)
    // The leader's panel links to the record; the page follows it without reloading.
    await lead.locator('mg-leader-panel').getByRole('link', { name: 'Record' }).click()
    await lead.waitForURL(`${h.url}/d/${slug}/record`)
    const record = lead.locator('mg-record')
    await record.getByRole('heading', { level: 1, name: 'Record: Ethik 10b' }).waitFor()
    for (const section of ['Downloads', 'Timeline', 'Polls', 'Paragraphs', 'Replay', 'Moderation', 'Participation', 'Grading']) {
      await expect.poll(() => record.getByRole('heading', { level: 2, name: section, exact: true }).count(), { message: section }).toBe(1)
    }
    expect(await text(lead.locator('mg-record-timeline'))).toContain('Phase: Open')
    expect(await text(lead.locator('mg-record-polls'))).toContain('Result of poll 1')
    const paragraphs = await text(lead.locator('mg-record-paragraphs'))
    expect(paragraphs).toContain('Die App macht aus Zuschauern Regisseure ohne Drehbuch.')
    expect(paragraphs).toContain('Regie ohne Drehbuch ist keine Regie.')

    // Everyone's row; sorting by a column's header button, by mouse and then by keyboard.
    const table = lead.locator('mg-participation-table')
    await expect.poll(async () => (await namesInOrder(lead)).join(' | ')).toContain(ada.username)
    expect((await namesInOrder(lead)).join(' | ')).toContain(ben.username)
    const header = (name: string) => table.locator('th', { has: lead.getByRole('button', { name, exact: true }) })
    await table.getByRole('button', { name: 'Replies', exact: true }).click()
    expect(await header('Replies').getAttribute('aria-sort')).toBe('descending')
    expect(await header('Name').getAttribute('aria-sort')).toBe('none')
    expect((await namesInOrder(lead))[0]).toContain(ben.username)
    await table.getByRole('button', { name: 'Arguments', exact: true }).focus()
    await lead.keyboard.press('Enter')
    expect(await header('Arguments').getAttribute('aria-sort')).toBe('descending')
    expect((await namesInOrder(lead))[0]).toContain(ada.username)
    await lead.keyboard.press('Space')
    expect(await header('Arguments').getAttribute('aria-sort')).toBe('ascending')
    expect((await namesInOrder(lead)).at(-1)).toContain(ada.username)

    // The student's own record, reached from the seminar bar, before the marks are released.
    const student = await pageAs(h, ada)
    await student.goto(`${h.url}/d/${slug}`)
    await student.locator('mg-seminar-bar').getByRole('link', { name: 'Your participation' }).click()
    await student.waitForURL(`${h.url}/d/${slug}/record`)
    await student.locator('mg-record').waitFor()
    const own = student.locator('mg-own-participation')
    await own.getByRole('heading', { name: 'Your participation' }).waitFor()
    expect(await text(own)).toContain('Your mark has not been released yet.')
    expect(await student.locator('mg-participation-table').count()).toBe(0)
    await student.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true))

    // The rule, one adjusted mark, and the release.
    const grading = lead.locator('mg-record-grading')
    await grading.getByLabel('Arguments for full marks').fill('2')
    await grading.getByLabel('Replies for full marks').fill('1')
    await grading.getByLabel('Counting').selectOption('scaled')
    await grading.getByLabel('Full marks are worth').fill('10')
    await grading.getByRole('button', { name: 'Save the rule' }).click()
    const adaMark = grading.getByRole('form', { name: `Mark for ${ada.username}` })
    await expect.poll(() => text(adaMark)).toContain('Computed: 6.67')
    await adaMark.getByLabel('Adjusted mark').fill('9')
    await adaMark.getByLabel('Comment').fill('Stark argumentiert.')
    await adaMark.getByRole('button', { name: 'Save' }).click()
    await expect.poll(() => text(lead.locator('mg-record-grading [role=status]'))).toBe(`The mark for ${ada.username} is saved.`)
    await grading.getByRole('button', { name: 'Release the marks' }).click()
    await grading.getByRole('button', { name: 'Take back the marks' }).waitFor()

    // The mark appears on the student's page live, without a reload.
    await expect.poll(() => text(own), { timeout: 10_000 }).toContain('9 of 10 points')
    expect(await text(own)).toContain('Stark argumentiert.')
    expect(await student.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true)
    expect(await axeViolations(student)).toEqual([])

    // Every export, downloaded through the page's links.
    const files: Record<string, string> = {}
    const links = lead.locator('mg-record .downloads a')
    expect(await links.count()).toBe(5)
    for (let i = 0; i < 5; i++) {
      const [download] = await Promise.all([lead.waitForEvent('download'), links.nth(i).click()])
      files[download.suggestedFilename()] = readFileSync((await download.path())!, 'utf8')
    }
    expect(Object.keys(files).sort()).toEqual(
      ['contributions.csv', 'debate.argdown', 'participation.csv', 'record.json', 'record.md'].map((f) => `${slug}-${f}`),
    )
    const participation = files[`${slug}-participation.csv`]!
    expect(participation.startsWith('\uFEFF')).toBe(true)
    const [head, ...rows] = parseCsv(participation.slice(1))
    expect(head).toEqual(expect.arrayContaining(['username', 'name', 'arguments', 'replies', 'mark']))
    const adaRow = rows.find((r) => r[head!.indexOf('name')] === ada.username)!
    expect(adaRow[head!.indexOf('arguments')]).toBe('2')
    expect(adaRow[head!.indexOf('mark')]).toBe('9')
    for (const row of rows) expect(row).toHaveLength(head!.length)
    const contributions = files[`${slug}-contributions.csv`]!
    expect(contributions.startsWith('\uFEFF')).toBe(true)
    const [cHead, ...cRows] = parseCsv(contributions.slice(1))
    expect(cHead).toEqual(expect.arrayContaining(['id', 'paragraph', 'author', 'stance', 'body']))
    expect(cRows).toHaveLength(3)
    const json = JSON.parse(files[`${slug}-record.json`]!)
    expect(json).toMatchObject({ scope: 'full', debate: { slug } })
    expect(json.contributions).toHaveLength(3)
    expect(files[`${slug}-record.md`]).toContain('# Ethik 10b')
    const argdown = new ArgdownApplication()
    argdown.addPlugin(new ParserPlugin(), 'parse-input')
    argdown.addPlugin(new ModelPlugin(), 'build-model')
    const parsed = argdown.run({ process: ['parse-input', 'build-model'], input: files[`${slug}-debate.argdown`]! })
    expect(parsed.parserErrors ?? []).toEqual([])
    expect(parsed.lexerErrors ?? []).toEqual([])
    expect((parsed.relations ?? []).length).toBeGreaterThan(0)

    expect(await axeViolations(lead)).toEqual([])

    await lead.screenshot({ path: outputPath('seminar-record.png'), fullPage: true })

    // Printed (saved as PDF): the document alone, black on white, its tables full width.
    await lead.emulateMedia({ media: 'print' })
    for (const hidden of [
      lead.locator('mg-app header'),
      record.getByRole('navigation'),
      lead.locator('mg-record .downloads'),
      grading.locator('form').first(),
      grading.getByRole('button', { name: 'Take back the marks' }),
    ]) {
      expect(await hidden.isVisible(), String(hidden)).toBe(false)
    }
    expect(await table.getByRole('button', { name: 'Arguments', exact: true }).isVisible()).toBe(true)
    const [tableWidth, sectionWidth] = await table.locator('table').evaluate((t) => [t.clientWidth, t.closest('section')!.clientWidth])
    expect(tableWidth).toBe(sectionWidth)
    expect(await record.locator('h1').evaluate((e) => getComputedStyle(e).color)).toBe('rgb(0, 0, 0)')
    expect(await lead.evaluate(() => getComputedStyle(document.documentElement).backgroundColor)).toBe('rgb(255, 255, 255)')
    expect((await lead.pdf({ path: outputPath('seminar-record.pdf') })).length).toBeGreaterThan(1000)
    await lead.setViewportSize({ width: 794, height: 1123 })
    await lead.screenshot({ path: outputPath('seminar-record-print.png'), fullPage: true })
  })

  it('replays the seminar: stepped, scrubbed by keyboard, and played at 16×', async () => {
    const { leader, slug } = await argued()
    const page = await pageAs(h, leader)
    await openRecord(page, slug)
    const replay = page.locator('mg-record-replay')
    await replay.getByRole('button', { name: 'Open the replay' }).click()
    const scrub = replay.getByRole('slider', { name: 'Moment of the seminar' })
    await scrub.waitFor()
    const first = replay.locator('ol.essay > li').first()
    const events = Number(/of (\d+) events/.exec(await text(replay.locator('.now')))![1])
    expect(events).toBeGreaterThan(8)
    expect(await text(replay.locator('.now'))).toContain(`0 of ${events} events`)
    expect(await text(first)).toContain('0 arguments, 0 replies')

    // Event by event until the spotlight falls on the first paragraph, before anyone argued.
    const next = replay.getByRole('button', { name: 'Next event' })
    for (let i = 0; i < events && !(await first.locator('.badge', { hasText: 'Spotlight' }).count()); i++) await next.click()
    expect(await first.getAttribute('class')).toContain('spotlit')
    expect(await text(first)).toContain('0 arguments, 0 replies')

    // The end, by keyboard: the arguments as they stood, strongest first.
    await scrub.focus()
    await page.keyboard.press('End')
    expect(await text(replay.locator('.now'))).toContain(`${events} of ${events} events`)
    expect(await text(first)).toContain('1 argument, 1 reply')
    await first.locator('summary').click()
    expect(await text(first)).toContain('Die App macht aus Zuschauern Regisseure ohne Drehbuch.')
    expect(await text(first)).toContain('Regie ohne Drehbuch ist keine Regie.')
    expect(await text(replay.locator('.state'))).toContain('Phase: Open')
    expect(await axeViolations(page)).toEqual([])
    await replay.screenshot({ path: outputPath('seminar-replay.png') })

    // Back to the start, and played through at 16×.
    await scrub.focus()
    await page.keyboard.press('Home')
    expect(await text(replay.locator('.now'))).toContain(`0 of ${events} events`)
    expect(await text(first)).toContain('0 arguments, 0 replies')
    await replay.getByLabel('Speed').selectOption('16')
    await replay.getByRole('button', { name: 'Play' }).click()
    await expect.poll(() => text(replay.locator('.now')), { timeout: 10_000 }).toContain(`${events} of ${events} events`)
    await replay.getByRole('button', { name: 'Play', pressed: false }).waitFor()
    expect(await text(first)).toContain('1 argument, 1 reply')
  })

  it('renders in German when German is the language', async () => {
    const { leader, ada, slug } = await argued()
    const page = await pageAs(h, leader, { locale: 'de-DE' })
    await openRecord(page, slug)
    const record = page.locator('mg-record')
    await record.getByRole('heading', { level: 1, name: 'Protokoll: Ethik 10b' }).waitFor()
    for (const section of ['Downloads', 'Ablauf', 'Umfragen', 'Absätze', 'Wiedergabe', 'Moderation', 'Teilnahme', 'Benotung']) {
      await expect.poll(() => record.getByRole('heading', { level: 2, name: section, exact: true }).count(), { message: section }).toBe(1)
    }
    expect(await text(page.locator('mg-participation-table thead'))).toContain('Argumente')
    expect(await text(page.locator('mg-record-timeline'))).toContain('Phase: Offen')
    const replay = page.locator('mg-record-replay')
    await replay.getByRole('button', { name: 'Wiedergabe öffnen' }).click()
    await replay.getByRole('slider', { name: 'Zeitpunkt im Seminar' }).waitFor()
    await replay.getByRole('button', { name: 'Nächstes Ereignis' }).waitFor()
    expect(await axeViolations(page)).toEqual([])
    const student = await pageAs(h, ada, { locale: 'de-DE' })
    await openRecord(student, slug)
    await student.locator('mg-own-participation').getByRole('heading', { name: 'Deine Teilnahme' }).waitFor()
    expect(await text(student.locator('mg-own-participation'))).toContain('Deine Note ist noch nicht freigegeben.')
  })
})
