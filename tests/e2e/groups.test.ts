/**
 * Small groups in the browser: nine students on phones, three on each side of the first
 * paragraph; the leader forms three groups balanced by stance with the keyboard, starts group
 * work, and each phone shows only its group's arguments and its group's name; the projector
 * compares the groups side by side and the leader promotes one group's argument; the plenum
 * reveals every argument to every phone, each labelled with its group; axe finds nothing, in
 * English and in German.
 */
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { DEFAULT_ESSAY } from '../../server/seed.ts'
import { apiReader, axeViolations, guestReader, outputPath, pageAs, shownText as text, useHarness, type ApiReader } from './harness.ts'

const h = useHarness()
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }
let names = 0
const fresh = (prefix: string) => `${prefix}${process.pid % 1000}g${++names}`

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the API's answers, of many shapes
async function ok(res: Promise<{ status: number; json: any }>, status = 200): Promise<any> {
  const r = await res
  expect(r.status, JSON.stringify(r.json)).toBe(status)
  return r.json
}

/** A seminar in its open phase with nine guests: three took pro on the first paragraph, three contra, three nothing. */
async function classOfNine() {
  const leader = await apiReader(h, fresh('lead'))
  const created = await ok(leader.request('POST', '/api/seminars', { essay: DEFAULT_ESSAY, title: 'Ethik 11' }), 201)
  const slug: string = created.debate.slug
  const students: ApiReader[] = []
  for (let i = 0; i < 9; i++) students.push(await guestReader(h, created.joinCode, fresh(`S${i}-`)))
  await ok(leader.request('PUT', `/api/debates/${slug}/phase`, { phase: 'open' }))
  const essay = await ok(leader.request('GET', `/api/debates/${slug}`))
  const anchor: string = essay.essay.blocks.find((b: { kind: string }) => b.kind === 'paragraph').anchor
  const sides = ['pro', 'contra', null] as const
  for (const [i, s] of students.entries()) {
    const side = sides[i % 3]
    if (side) await ok(s.request('PUT', `/api/debates/${slug}/paragraphs/${anchor}/position`, { stance: side }))
  }
  return { leader, slug, anchor, students, sides: students.map((_, i) => sides[i % 3]) }
}

/** Opens the first paragraph's thread on a page of the seminar. */
async function openThread(page: Page, slug: string) {
  await page.goto(`${h.url}/d/${slug}`)
  await page.locator('mg-paragraph-marker button.toggle').first().click()
  await page.locator('mg-paragraph').first().locator('mg-thread').waitFor()
}

const bodiesOn = (page: Page) => page.locator('mg-paragraph').first().locator('mg-comment .body').allTextContents()

describe('small groups', () => {
  it('splits nine phones into three balanced groups that see only themselves, compares them and reveals all in the plenum', async () => {
    const { leader, slug, anchor, students, sides } = await classOfNine()
    const lead = await pageAs(h, leader)
    await openThread(lead, slug)
    const panel = lead.locator('mg-leader-panel')

    // Formed by keyboard: balanced by positions, three groups.
    await panel.locator('summary', { hasText: /^Groups$/ }).focus()
    await lead.keyboard.press('Enter')
    const groupsPanel = panel.locator('mg-groups-panel')
    await groupsPanel.getByLabel('How').focus()
    await groupsPanel.getByLabel('How').selectOption('positions')
    await groupsPanel.getByLabel('Split into').selectOption('count')
    await groupsPanel.getByLabel('Number').fill('3')
    await groupsPanel.getByRole('button', { name: 'Form the groups' }).focus()
    await lead.keyboard.press('Enter')
    await groupsPanel.getByRole('heading', { name: /Group C/ }).waitFor()
    expect(await axeViolations(lead)).toEqual([])

    const formed = await ok(leader.request('GET', `/api/debates/${slug}/groups`))
    expect(formed.groups).toHaveLength(3)
    const sideOf = new Map(students.map((s, i) => [s.id, sides[i]]))
    for (const g of formed.groups as { members: { id: number }[] }[]) {
      expect(g.members).toHaveLength(3)
      expect(g.members.map((m) => sideOf.get(m.id) ?? 'none').sort()).toEqual(['contra', 'none', 'pro'])
    }
    const groupOf = new Map<number, { id: number; letter: string }>()
    for (const g of formed.groups as { id: number; letter: string; members: { id: number }[] }[]) {
      for (const m of g.members) groupOf.set(m.id, g)
    }

    await groupsPanel.getByRole('button', { name: 'Start group work' }).click()
    await groupsPanel.getByRole('button', { name: 'End group work: to the plenum' }).waitFor()

    // Every student argues in group work (through the API, as their phones would).
    const argument = (s: ApiReader) => `Argument von ${s.username}`
    for (const [i, s] of students.entries()) {
      await ok(
        s.request('POST', `/api/debates/${slug}/paragraphs/${anchor}/comments`, { body: argument(s), stance: i % 2 ? 'contra' : 'pro' }),
        201,
      )
    }

    // Each phone: its group's name, and its group's three arguments only.
    const phones: Page[] = []
    for (const s of students) {
      const phone = await pageAs(h, s, PHONE)
      phones.push(phone)
      await openThread(phone, slug)
      const group = groupOf.get(s.id)!
      await expect.poll(() => text(phone.locator('mg-seminar-bar'))).toContain(`Your group: Group ${group.letter}`)
      const mates = students.filter((o) => groupOf.get(o.id)!.id === group.id).map(argument)
      await expect.poll(async () => (await bodiesOn(phone)).sort()).toEqual(mates.sort())
    }
    expect(await axeViolations(phones[0]!)).toEqual([])
    await phones[0]!.screenshot({ path: outputPath('groups-phone.png'), fullPage: false })

    // The leader sees every group (new arguments wait behind "show new" in an open thread, so it opens afresh), and can show one alone.
    await openThread(lead, slug)
    await panel.locator('summary', { hasText: /^Groups$/ }).click()
    await expect.poll(async () => (await bodiesOn(lead)).length).toBe(9)
    await groupsPanel.getByLabel('The threads show the arguments of').selectOption({ label: 'Group B' })
    await expect.poll(async () => (await bodiesOn(lead)).length).toBe(3)
    await groupsPanel.getByLabel('The threads show the arguments of').selectOption({ label: 'every group' })
    await expect.poll(async () => (await bodiesOn(lead)).length).toBe(9)

    // The projector compares the groups; the leader promotes group A's strongest argument.
    const projector = await pageAs(h, leader, { viewport: { width: 1920, height: 1080 } })
    await projector.goto(`${h.url}/d/${slug}/projector`)
    const comparison = projector.locator('mg-group-comparison')
    await comparison.getByRole('heading', { name: 'The groups side by side' }).waitFor()
    const first = comparison.locator('.paragraph').first()
    await expect.poll(() => first.locator('.group').count()).toBe(3)
    expect(await text(first.locator('.group').nth(1))).toContain('Group B')
    await first.locator('.group').first().getByRole('button', { name: 'Promote to the plenum' }).click()
    await first.locator('.group').first().getByText('Promoted to the top').waitFor()
    expect(await axeViolations(projector)).toEqual([])
    await projector.screenshot({ path: outputPath('groups-projector.png') })

    // The plenum: every phone sees all nine, labelled by group, the promoted one first.
    await groupsPanel.getByRole('button', { name: 'End group work: to the plenum' }).click()
    for (const phone of [phones[0]!, phones[4]!]) {
      await expect.poll(async () => (await bodiesOn(phone)).length, { timeout: 10_000 }).toBe(9)
    }
    const comments = phones[4]!.locator('mg-paragraph').first().locator('mg-comment')
    expect(await text(comments.first())).toContain('pinned')
    for (const letter of ['A', 'B', 'C']) expect(await comments.filter({ hasText: `Group ${letter}` }).count()).toBe(3)
  })

  it('speaks German in the groups panel and on a phone', async () => {
    const { leader, slug, students } = await classOfNine()
    await ok(leader.request('PUT', `/api/debates/${slug}/groups`, { mode: 'random', count: 3 }))
    await ok(leader.request('PUT', `/api/debates/${slug}/groups/state`, { state: 'working' }))
    const lead = await pageAs(h, leader, { locale: 'de-DE' })
    await lead.goto(`${h.url}/d/${slug}`)
    const panel = lead.locator('mg-leader-panel')
    await panel.locator('summary', { hasText: /^Gruppen$/ }).click()
    await panel.locator('mg-groups-panel').getByRole('button', { name: 'Gruppenarbeit beenden: ins Plenum' }).waitFor()
    expect(await text(panel.locator('mg-groups-panel'))).toContain('Gruppe A')
    expect(await axeViolations(lead)).toEqual([])
    const phone = await pageAs(h, students[0]!, { ...PHONE, locale: 'de-DE' })
    await phone.goto(`${h.url}/d/${slug}`)
    await expect.poll(() => text(phone.locator('mg-seminar-bar'))).toMatch(/Deine Gruppe: Gruppe [ABC]/)
    await phone.locator('mg-seminar-bar').getByRole('button', { name: 'Zeigen' }).click()
    await expect.poll(() => text(phone.locator('mg-seminar-bar'))).toContain('Gruppenarbeit: Du siehst und schreibst nur in deiner Gruppe.')
    expect(await axeViolations(phone)).toEqual([])
  })
})
