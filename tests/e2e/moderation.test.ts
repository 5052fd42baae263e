/**
 * Moderating a debate in the browser: a participant flags a comment, the moderator sees the
 * review queue's count rise, hides the comment from the queue with a reason, and the
 * participant's page shows it hidden; the author still reads it with the moderator's note.
 * An admin manages members (appoints a moderator, mutes a participant, whose page shows it)
 * and watches a word that then blocks a post.
 */
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { apiReader, axeViolations, paragraphAnchors, registerInPage, useHarness } from './harness.ts'

const h = useHarness()
let names = 0
const fresh = (prefix: string) => `${prefix}${process.pid % 1000}m${++names}`

async function openThread(page: Page, index: number) {
  await page.locator('mg-paragraph-marker button.toggle').nth(index).click()
  const thread = page.locator('mg-paragraph').nth(index).locator('mg-thread')
  await thread.waitFor()
  return thread
}

/** A page signed in as a reader made through the API. */
async function pageAs(cookie: string): Promise<Page> {
  const page = await h.page()
  const [name, ...value] = cookie.split('=')
  await page.context().addCookies([{ name: name!, value: value.join('='), url: h.url }])
  return page
}

const badge = (page: Page) => page.locator('mg-moderation-bar .badge').textContent()

/** Opens the debate's settings, watched words, members and log from the moderation bar. */
const openTools = (page: Page) => page.locator('mg-moderation-bar').getByRole('button', { name: 'Settings, members and log' }).click()

describe('moderating a debate', () => {
  it('takes a flagged comment through the queue: flagged by a participant, hidden by the moderator, shown hidden to readers', async () => {
    const index = 4
    const anchor = (await paragraphAnchors(h))[index]!
    const author = await apiReader(h)
    const argument = await author.post(anchor, 'Wer Sora benutzt, ist ein Idiot.', 'contra')
    const moderator = await apiReader(h, fresh('mod'))
    const debate = (await h.repos.debates.bySlug('sora'))!
    await h.repos.debates.setRole(debate.id, moderator.id, 'moderator')

    const modPage = await pageAs(moderator.cookie)
    await modPage.goto(`${h.url}/d/sora`)
    await expect.poll(() => badge(modPage)).toBe('0')

    const reader = await h.page()
    await reader.goto(`${h.url}/d/sora`)
    await registerInPage(reader, fresh('reader'))
    const thread = await openThread(reader, index)
    const comment = thread.locator('mg-comment').filter({ hasText: 'ist ein Idiot' })
    await comment.getByRole('button', { name: 'Flag' }).click()
    const dialog = comment.locator('mg-flag-dialog dialog')
    await dialog.getByRole('radio', { name: 'Insulting' }).check()
    await dialog.getByRole('button', { name: 'Send flag' }).click()
    await dialog.waitFor({ state: 'detached' })

    // The count rises on the moderator's open page, carried by the live socket.
    await expect.poll(() => badge(modPage)).toBe('1')
    await modPage.locator('mg-moderation-bar button.queue-toggle').click()
    const item = modPage.locator('mg-queue li').filter({ hasText: 'ist ein Idiot' })
    await expect.poll(() => item.locator('.flags').textContent()).toContain('insulting')
    await item.getByRole('button', { name: 'Hide' }).click()
    await item.getByLabel('Why is it hidden? The author will read this.').fill('Beleidigt andere Leser.')
    await item.locator('form').getByRole('button', { name: 'Hide' }).click()
    await expect.poll(() => modPage.locator('mg-queue p').textContent()).toBe('Nothing to review.')
    await expect.poll(() => badge(modPage)).toBe('0')
    // The log, narrowed to hiding, records it with the reason; its CSV link keeps the filter.
    await openTools(modPage)
    const log = modPage.locator('mg-mod-log')
    await log.getByLabel('Action').selectOption('hide')
    await expect.poll(() => log.locator('tbody tr').allTextContents()).toEqual([expect.stringContaining('Beleidigt andere Leser.')])
    expect(await log.getByRole('link', { name: 'Download CSV' }).getAttribute('href')).toBe(
      '/api/debates/sora/moderation/log?format=csv&action=hide',
    )

    // The reader's open thread shows the placeholder, again carried live.
    await expect.poll(() => comment.count()).toBe(0)
    const hidden = thread.locator(`mg-comment article#c-${argument.id}`)
    await expect.poll(() => hidden.locator('.deleted').textContent()).toBe('Hidden by a moderator.')

    // The author still reads the comment, with the moderator's note.
    const authorPage = await pageAs(author.cookie)
    await authorPage.goto(`${h.url}/d/sora#c-${argument.id}`)
    const own = authorPage.locator(`mg-comment article#c-${argument.id}`)
    await expect.poll(() => own.locator('.reason').textContent()).toContain('Beleidigt andere Leser.')
    expect(await own.locator('.md').textContent()).toContain('ist ein Idiot')
  })

  it('shows a flag arriving in the review queue a moderator already has open', async () => {
    const anchor = (await paragraphAnchors(h))[6]!
    const author = await apiReader(h)
    const argument = await author.post(anchor, 'Sora schreibt bald die Nachrichten.', 'contra')
    const moderator = await apiReader(h, fresh('mod'))
    await h.repos.debates.setRole((await h.repos.debates.bySlug('sora'))!.id, moderator.id, 'moderator')
    const modPage = await pageAs(moderator.cookie)
    await modPage.goto(`${h.url}/d/sora`)
    await modPage.locator('mg-moderation-bar button.queue-toggle').click()
    await modPage.locator('mg-queue').waitFor()
    const before = Number(await badge(modPage))

    const flagger = await apiReader(h)
    expect((await flagger.request('POST', `/api/comments/${argument.id}/flags`, { reason: 'spam' })).status).toBe(201)
    await expect.poll(() => badge(modPage)).toBe(String(before + 1))
    const item = modPage.locator('mg-queue li').filter({ hasText: 'schreibt bald die Nachrichten' })
    await expect.poll(() => item.locator('.flags').textContent()).toContain('spam')
  })

  it('lets an admin both flag a comment and moderate it', async () => {
    const index = 7
    const anchor = (await paragraphAnchors(h))[index]!
    const author = await apiReader(h)
    const argument = await author.post(anchor, 'Sora kennt keine Urheber.', 'pro')
    const admin = await apiReader(h, fresh('admin'))
    await h.repos.users.setAdmin(admin.id, true)
    const adminPage = await pageAs(admin.cookie)
    await adminPage.goto(`${h.url}/d/sora`)
    const thread = await openThread(adminPage, index)
    const comment = thread.locator('mg-comment').filter({ hasText: 'kennt keine Urheber' })
    await comment.getByRole('button', { name: 'Moderate' }).waitFor()
    await comment.getByRole('button', { name: 'Flag' }).click()
    const dialog = comment.locator('mg-flag-dialog dialog')
    await dialog.getByRole('radio', { name: 'Insulting' }).check()
    await dialog.getByRole('button', { name: 'Send flag' }).click()
    await dialog.waitFor({ state: 'detached' })
    const queue = await admin.request('GET', '/api/debates/sora/moderation/queue', undefined)
    const item = (queue.json.items as { comment: { id: number }; flags: { reason: string; user: { id: number } }[] }[]).find(
      (i) => i.comment.id === argument.id,
    )
    expect(item?.flags).toEqual([expect.objectContaining({ reason: 'insulting', user: expect.objectContaining({ id: admin.id }) })])
  })

  it("locks and unlocks a paragraph's thread from beside it: an open reader page follows live", async () => {
    const index = 8
    const moderator = await apiReader(h, fresh('mod'))
    await h.repos.debates.setRole((await h.repos.debates.bySlug('sora'))!.id, moderator.id, 'moderator')
    const reader = await h.page()
    await reader.goto(`${h.url}/d/sora`)
    await registerInPage(reader, fresh('reader'))
    const thread = await openThread(reader, index)
    await thread.locator('mg-composer.composer').waitFor()

    const modPage = await pageAs(moderator.cookie)
    await modPage.goto(`${h.url}/d/sora`)
    const modThread = await openThread(modPage, index)
    try {
      await modThread.getByRole('button', { name: `Lock the debate on paragraph ${index + 1}` }).click()
      await expect.poll(() => thread.locator('.note').textContent()).toContain('This paragraph is locked')
      expect(await thread.locator('mg-composer.composer').count()).toBe(0)
      await expect.poll(() => modThread.locator('.note').textContent()).toContain('This paragraph is locked')
      expect(await axeViolations(modPage)).toEqual([])

      await modThread.getByRole('button', { name: `Unlock the debate on paragraph ${index + 1}` }).click()
      await thread.locator('mg-composer.composer').waitFor()
    } finally {
      const anchor = (await paragraphAnchors(h))[index]!
      await moderator.request('PUT', `/api/debates/sora/paragraphs/${anchor}/lock`, { locked: false })
    }
  })

  it("keeps the moderation bar compact: the queue opens alone, the debate's own tools behind a button beside it", async () => {
    const moderator = await apiReader(h, fresh('mod'))
    await h.repos.debates.setRole((await h.repos.debates.bySlug('sora'))!.id, moderator.id, 'moderator')
    const modPage = await pageAs(moderator.cookie)
    await modPage.goto(`${h.url}/d/sora`)
    const bar = modPage.locator('mg-moderation-bar')
    const queueToggle = bar.locator('button.queue-toggle')
    const toolsToggle = bar.getByRole('button', { name: 'Settings, members and log' })
    // Closed, the two buttons share one line.
    const [queueBox, toolsBox] = [await queueToggle.boundingBox(), await toolsToggle.boundingBox()]
    expect(toolsBox!.y).toBe(queueBox!.y)

    await queueToggle.click()
    await bar.locator('mg-queue').waitFor()
    for (const tool of ['mg-debate-settings', 'mg-watched-words', 'mg-members', 'mg-mod-log'])
      expect(await bar.locator(tool).count()).toBe(0)

    await toolsToggle.click()
    expect(await toolsToggle.getAttribute('aria-expanded')).toBe('true')
    for (const tool of ['mg-debate-settings', 'mg-watched-words', 'mg-members', 'mg-mod-log']) await bar.locator(tool).waitFor()
    expect(await axeViolations(modPage)).toEqual([])
    await toolsToggle.click()
    await expect.poll(() => bar.locator('mg-debate-settings').count()).toBe(0)
  })

  it('has no axe violations with the flag dialog, the moderation menu and the queue open', async () => {
    const index = 5
    const anchor = (await paragraphAnchors(h))[index]!
    const author = await apiReader(h)
    const argument = await author.post(anchor, 'Sora macht alle zu Zuschauern.', 'pro')
    const flagger = await apiReader(h)
    expect((await flagger.request('POST', `/api/comments/${argument.id}/flags`, { reason: 'spam' })).status).toBe(201)

    const reader = await h.page()
    await reader.goto(`${h.url}/d/sora`)
    await registerInPage(reader, fresh('axe'))
    const thread = await openThread(reader, index)
    await thread.locator('mg-comment').first().getByRole('button', { name: 'Flag' }).click()
    await thread.locator('mg-flag-dialog dialog').waitFor()
    expect(await axeViolations(reader)).toEqual([])

    const moderator = await apiReader(h, fresh('mod'))
    await h.repos.debates.setRole((await h.repos.debates.bySlug('sora'))!.id, moderator.id, 'moderator')
    const modPage = await pageAs(moderator.cookie)
    await modPage.goto(`${h.url}/d/sora`)
    await modPage.locator('mg-moderation-bar button.queue-toggle').click()
    await modPage.locator('mg-queue li').filter({ hasText: 'alle zu Zuschauern' }).first().waitFor()
    const modThread = await openThread(modPage, index)
    await modThread.locator('mg-comment').first().getByRole('button', { name: 'Moderate' }).click()
    await modThread.locator('mg-moderation-menu button[data-action=hide]').click()
    await modThread.locator('mg-moderation-menu textarea').waitFor()
    expect(await axeViolations(modPage)).toEqual([])
  })

  it('locks the debate from the settings panel: an open reader page shows the notice and no composer', async () => {
    const moderator = await apiReader(h, fresh('mod'))
    await h.repos.debates.setRole((await h.repos.debates.bySlug('sora'))!.id, moderator.id, 'moderator')
    const reader = await h.page()
    await reader.goto(`${h.url}/d/sora`)
    await registerInPage(reader, fresh('reader'))
    const thread = await openThread(reader, 1)
    await thread.locator('mg-composer.composer').waitFor()

    const modPage = await pageAs(moderator.cookie)
    await modPage.goto(`${h.url}/d/sora`)
    await openTools(modPage)
    const settings = modPage.locator('mg-debate-settings')
    await settings.getByLabel('Lock the debate (read only)').check()
    try {
      await settings.getByRole('button', { name: 'Save settings' }).click()
      await expect.poll(() => thread.locator('.note').textContent()).toContain('This debate is locked')
      expect(await thread.locator('mg-composer.composer').count()).toBe(0)
    } finally {
      await moderator.request('PATCH', '/api/debates/sora/settings', { locked: false })
    }
  })

  it('lets an admin appoint a moderator and mute a participant, whose open page then shows the muted notice', async () => {
    const admin = await apiReader(h, fresh('admin'))
    await h.repos.users.setAdmin(admin.id, true)
    const anchor = (await paragraphAnchors(h))[2]!
    const candidate = await apiReader(h, fresh('cand'))
    await candidate.post(anchor, 'Ich moderiere gern mit.', 'neutral')
    const participant = await apiReader(h, fresh('part'))
    await participant.post(anchor, 'Sora ist nur ein Werkzeug.', 'pro')

    const partPage = await pageAs(participant.cookie)
    await partPage.goto(`${h.url}/d/sora`)
    const thread = await openThread(partPage, 2)
    await thread.locator('mg-composer.composer').waitFor()

    const adminPage = await pageAs(admin.cookie)
    await adminPage.goto(`${h.url}/d/sora`)
    await openTools(adminPage)
    const members = adminPage.locator('mg-members')
    const row = (name: string) => members.locator('li').filter({ has: adminPage.locator('.name', { hasText: new RegExp(`^${name}$`) }) })
    await members.getByRole('button', { name: `Make moderator: ${candidate.username}` }).click()
    await expect.poll(() => row(candidate.username).locator('.meta').textContent()).toBe('Moderator')
    await members.getByLabel(`How long to mute ${participant.username}`).selectOption({ label: '1 day' })
    await members.getByRole('button', { name: `Mute ${participant.username}`, exact: true }).click()
    await expect.poll(() => row(participant.username).locator('.meta').textContent()).toMatch(/^Participant · muted until /)
    expect(await axeViolations(adminPage)).toEqual([])
    const debate = (await h.repos.debates.bySlug('sora'))!
    expect((await h.repos.debates.members(debate.id)).find((m) => m.id === candidate.id)?.role).toBe('moderator')

    // The participant's own socket carries the change: the composer gives way to the notice.
    await expect
      .poll(() =>
        thread
          .locator('.note.muted')
          .textContent({ timeout: 1000 })
          .catch(() => ''),
      )
      .toMatch(/^You are muted in this debate until /)
    expect(await thread.locator('mg-composer.composer').count()).toBe(0)
  })

  it("blocks a post with a watched word, showing the server's message next to the field", async () => {
    const moderator = await apiReader(h, fresh('mod'))
    await h.repos.debates.setRole((await h.repos.debates.bySlug('sora'))!.id, moderator.id, 'moderator')
    const word = `quatsch${process.pid}w${++names}`
    const modPage = await pageAs(moderator.cookie)
    await modPage.goto(`${h.url}/d/sora`)
    await openTools(modPage)
    const words = modPage.locator('mg-watched-words')
    await words.getByLabel('Word (* for any ending)').fill(word)
    await words.getByLabel('Action').selectOption('block')
    await words.getByRole('button', { name: 'Watch the word' }).click()
    const entry = words.locator('li').filter({ hasText: word })
    await expect.poll(() => entry.textContent()).toContain('Block the comment')

    try {
      const reader = await h.page()
      await reader.goto(`${h.url}/d/sora`)
      await registerInPage(reader, fresh('reader'))
      const thread = await openThread(reader, 3)
      const composer = thread.locator('mg-composer.composer')
      await composer.getByRole('radio', { name: 'Contra' }).check()
      await composer.getByLabel('Your argument').fill(`Das ist doch ${word}.`)
      await composer.getByRole('button', { name: 'Post argument' }).click()
      await expect
        .poll(() =>
          composer
            .locator('#body-error')
            .textContent({ timeout: 1000 })
            .catch(() => ''),
        )
        .toBe(`body contains the blocked word "${word}"`)
      expect(await composer.getByLabel('Your argument').getAttribute('aria-invalid')).toBe('true')
      expect(await thread.locator('mg-comment').filter({ hasText: word }).count()).toBe(0)
    } finally {
      await entry.getByRole('button', { name: `Remove ${word}` }).click()
      await expect.poll(() => entry.count()).toBe(0)
    }
  })
})
