/**
 * The interface in German: the moderation log in words, dates as Germans write them, and a
 * seminar's notices that follow a switch of the language.
 */
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { apiReader, paragraphAnchors, registerInPage, shownText as text, useHarness } from './harness.ts'

const h = useHarness()
let names = 0
const fresh = (prefix: string) => `${prefix}${process.pid % 1000}g${++names}`

async function pageAs(cookie: string, locale = 'de-DE'): Promise<Page> {
  const page = await h.page({ locale })
  const [name, ...value] = cookie.split('=')
  await page.context().addCookies([{ name: name!, value: value.join('='), url: h.url }])
  return page
}

async function switchToGerman(page: Page) {
  await page.getByRole('button', { name: 'Deutsch' }).click()
  await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('de')
}

describe('the interface in German', () => {
  it('writes the moderation log in words: the action, the paragraph by its number and opening words, the comment by its author', async () => {
    const anchors = await paragraphAnchors(h)
    const moderator = await apiReader(h, fresh('mod'))
    await h.repos.debates.setRole((await h.repos.debates.bySlug('sora'))!.id, moderator.id, 'moderator')
    const author = await apiReader(h, fresh('autor'))
    const argument = await author.post(anchors[3]!, 'Ein Prompt ist noch kein Werk.', 'contra')
    expect((await moderator.request('PUT', `/api/debates/sora/paragraphs/${anchors[2]}/lock`, { locked: true })).status).toBe(200)
    expect((await moderator.request('POST', `/api/comments/${argument.id}/pin`)).status).toBe(200)

    const page = await pageAs(moderator.cookie)
    await page.goto(`${h.url}/d/sora`)
    // The log sits with the settings and members, behind their own button beside the queue's.
    await page.locator('mg-moderator-tools button.tools-toggle').click()
    const log = page.locator('mg-mod-log')
    await log.getByLabel('Aktion').selectOption('lock-paragraph')
    const lockRow = log.locator('tbody tr')
    await expect.poll(() => lockRow.count()).toBe(1)
    const lockCells = await lockRow.locator('td').allTextContents()
    expect(lockCells[2]).toBe('Absatz gesperrt')
    const opening = (await page.locator('mg-paragraph').nth(2).locator('p.text').textContent())!.trim().split(/\s+/).slice(0, 3).join(' ')
    expect(lockCells[3]).toMatch(/^Absatz 3: „/)
    expect(lockCells[3]).toContain(opening)
    expect(lockCells.join(' ')).not.toContain('p-')

    await log.getByLabel('Aktion').selectOption('pin')
    await expect.poll(() => log.locator('tbody tr td').nth(2).textContent()).toBe('Angeheftet')
    const pinTarget = (await log.locator('tbody tr td').nth(3).textContent())!
    expect(pinTarget).toContain(author.username)
    expect(pinTarget).toContain('Ein Prompt ist noch kein Werk.')
    // The filter names the actions in words too.
    expect(await log.getByLabel('Aktion').locator('option[value=lock-paragraph]').textContent()).toBe('Absatz gesperrt')
  })

  it('writes dates as Germans do after switching the language', async () => {
    const leader = await h.page()
    await leader.goto(h.url)
    await registerInPage(leader, fresh('leiter'))
    await leader.getByRole('button', { name: 'Start a seminar' }).click()
    const form = leader.locator('mg-seminar-start form')
    await form.getByLabel('Title').fill('Datumsprobe')
    await form.getByRole('button', { name: 'Start the seminar' }).click()
    const panel = leader.locator('mg-leader-panel')
    await panel.getByRole('heading', { name: 'Leading the seminar' }).waitFor()
    await switchToGerman(leader)
    await expect
      .poll(() => text(panel.locator('.meta').filter({ hasText: 'Gültig bis' })))
      .toMatch(/^Gültig bis \d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}$/)
  })

  it("announces the leader's phase change in German once the language is switched", async () => {
    const leader = await h.page()
    await leader.goto(h.url)
    await registerInPage(leader, fresh('leiter'))
    await leader.getByRole('button', { name: 'Start a seminar' }).click()
    await leader.locator('mg-seminar-start form').getByLabel('Title').fill('Phasenprobe')
    await leader.locator('mg-seminar-start form').getByRole('button', { name: 'Start the seminar' }).click()
    const panel = leader.locator('mg-leader-panel')
    await panel.getByRole('heading', { name: 'Leading the seminar' }).waitFor()
    const code = (await text(panel.locator('.code'))).replace(/[^A-Z0-9]/g, '')

    const student = await h.page()
    await student.goto(`${h.url}/join/${code}`)
    await student.locator('mg-join form').getByLabel('Your name').fill('Fritz')
    await student.locator('mg-join form').getByRole('button', { name: 'Join the seminar' }).click()
    await student.locator('mg-seminar-bar').getByText('Phase: Reading').waitFor()

    await panel.getByRole('button', { name: 'Private' }).click()
    await student.locator('mg-seminar-bar').getByText('Phase: Private').waitFor()
    await expect.poll(() => text(panel.locator('[role=status]'))).toBe('The seminar is now in the phase: Private.')

    await switchToGerman(leader)
    await expect.poll(() => text(panel.locator('[role=status]'))).toBe('Das Seminar ist jetzt in der Phase: Privat.')
  })

  it('calls a comment a Beitrag and posting veröffentlichen, for readers and moderators alike', async () => {
    const anchor = (await paragraphAnchors(h))[6]!
    const author = await apiReader(h, fresh('autor'))
    await author.post(anchor, 'Sora nimmt niemandem das Urteilen ab.', 'pro')
    const openComment = async (page: Page) => {
      await page.goto(`${h.url}/d/sora`)
      await page.locator('mg-paragraph-marker button.toggle').nth(6).click()
      const thread = page.locator('mg-paragraph').nth(6).locator('mg-thread')
      await thread.locator('mg-composer.composer').getByRole('button', { name: 'Argument veröffentlichen' }).waitFor()
      return thread.locator('mg-comment').filter({ hasText: 'niemandem das Urteilen' })
    }

    const reader = await pageAs((await apiReader(h, fresh('leser'))).cookie)
    const flagged = await openComment(reader)
    await flagged.getByRole('button', { name: 'Melden' }).click()
    await flagged.locator('mg-flag-dialog').getByRole('heading', { name: 'Diesen Beitrag melden' }).waitFor()

    const moderator = await apiReader(h, fresh('mod'))
    await h.repos.debates.setRole((await h.repos.debates.bySlug('sora'))!.id, moderator.id, 'moderator')
    const page = await pageAs(moderator.cookie)
    const moderated = await openComment(page)
    await moderated.getByRole('button', { name: 'Moderieren' }).click()
    await moderated.getByRole('group', { name: 'Diesen Beitrag moderieren' }).waitFor()
    await page.locator('mg-moderator-tools button.tools-toggle').click()
    await page.locator('mg-debate-settings').getByLabel('Meldungen, die einen Beitrag bis zur Prüfung ausblenden').waitFor()
    expect(await text(page.locator('mg-app'))).not.toContain('Kommentar')
  })
})
