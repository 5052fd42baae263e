/**
 * Writing an argument: the chosen stance keeps its sign, the composer counts the characters
 * left near the limit and tells of a link it will show as text (in English and German), a
 * phone shows the arguments before the composer and no keyboard shortcut, and nobody is
 * invited to be the first where nobody may post.
 */
import type { Locator, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { apiReader, axeViolations, paragraphAnchors, registerInPage, shownText as text, useHarness } from './harness.ts'

const h = useHarness()
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }
let names = 0
const fresh = (prefix: string) => `${prefix}${process.pid % 1000}w${++names}`

async function openThread(page: Page, index: number) {
  await page.locator('mg-paragraph-marker button.toggle').nth(index).click()
  const thread = page.locator('mg-paragraph').nth(index).locator('mg-thread')
  await thread.waitFor()
  return thread
}

/** The chosen stance chip's sign: its text, and its colour against the colour behind it. */
function chosenSign(composer: Locator) {
  return composer.locator('.choice:has(input:checked) .sign').evaluate((sign) => {
    const style = getComputedStyle(sign)
    return { sign: sign.textContent, color: style.color, background: style.backgroundColor }
  })
}

/** What the composer's polite live region holds now. */
const spoken = (composer: Locator) => text(composer.locator('[aria-live=polite]'))

describe('writing an argument', () => {
  it('keeps the chosen stance’s sign, counts the characters near the limit and tells of a link shown as text, in English and German', async () => {
    const page = await h.page()
    await page.goto(`${h.url}/d/sora`)
    await registerInPage(page, fresh('writer'))
    const thread = await openThread(page, 0)
    const composer = thread.locator('mg-composer.composer')

    for (const [stance, sign] of [
      ['Pro', '+'],
      ['Contra', '−'],
      ['Neutral', '○'],
    ]) {
      await composer.getByRole('radio', { name: stance }).check()
      const chosen = await chosenSign(composer)
      expect(chosen.sign, stance).toBe(sign)
      expect(chosen.color, stance).not.toBe(chosen.background)
    }

    const field = composer.locator('textarea')
    await field.fill('x'.repeat(3999))
    expect(await composer.locator('#count').count()).toBe(0)
    await field.fill('x'.repeat(4100))
    expect(await text(composer.locator('#count'))).toBe('4100 of 5000 characters')
    expect(await field.getAttribute('aria-describedby')).toContain('count')
    // Read out once the writer pauses, not at every keystroke.
    await expect.poll(() => spoken(composer)).toBe('4100 of 5000 characters')
    await field.fill('x'.repeat(5003))
    expect(await text(composer.locator('#count'))).toBe('5003 of 5000 characters')
    await expect.poll(() => spoken(composer)).toBe('5003 of 5000 characters')

    await field.fill('Siehe [hier](javascript:alert(1)) und [dort](https://example.org).')
    const notice = 'Links other than http, https and mailto are shown as plain text.'
    await expect.poll(() => text(composer.locator('#links'))).toBe(notice)
    expect(await composer.locator('#count').count()).toBe(0)
    await composer.getByRole('button', { name: 'Preview' }).click()
    expect(await composer.locator('.preview a').evaluateAll((links) => links.map((a) => a.getAttribute('href')))).toEqual([
      'https://example.org/',
    ])
    expect(await text(composer.locator('#links'))).toBe(notice)
    expect(await axeViolations(page)).toEqual([])
    await composer.getByRole('button', { name: 'Preview' }).click()
    await field.fill('Nur [ein sicherer](https://example.org) Link.')
    await expect.poll(() => composer.locator('#links').count()).toBe(0)

    await page.getByRole('button', { name: 'Deutsch' }).click()
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('de')
    await field.fill('x'.repeat(4100))
    await expect.poll(() => text(composer.locator('#count'))).toBe('4100 von 5000 Zeichen')
    await field.fill('x'.repeat(5001))
    expect(await text(composer.locator('#count'))).toBe('5001 von 5000 Zeichen')
    await field.fill('[Ein Link](/relativ)')
    await expect.poll(() => text(composer.locator('#links'))).toBe('Links außer http, https und mailto werden als einfacher Text gezeigt.')
  })

  it('shows a phone the arguments before the composer, and no keyboard shortcut; a desktop the composer first', async () => {
    const anchor = (await paragraphAnchors(h))[1]!
    const author = await apiReader(h)
    await author.post(anchor, 'Ein Argument, das vor dem Formular stehen soll.', 'pro')

    const phone = await h.page(PHONE)
    await phone.goto(`${h.url}/d/sora`)
    await registerInPage(phone, fresh('thumb'))
    const thread = await openThread(phone, 1)
    const composer = thread.locator('mg-composer.composer')
    await composer.waitFor()
    const list = thread.locator('ol.arguments')
    await list.waitFor()
    expect((await list.boundingBox())!.y).toBeLessThan((await composer.boundingBox())!.y)
    const hint = await text(composer.locator('#hint'))
    expect(hint).toContain('Markdown')
    expect(hint).not.toContain('Ctrl+Enter')
    expect(await axeViolations(phone)).toEqual([])

    const desk = await h.page()
    await desk.goto(`${h.url}/d/sora`)
    await registerInPage(desk, fresh('desk'))
    const wide = await openThread(desk, 1)
    await wide.locator('ol.arguments').waitFor()
    expect((await wide.locator('mg-composer.composer').boundingBox())!.y).toBeLessThan(
      (await wide.locator('ol.arguments').boundingBox())!.y,
    )
    expect(await text(wide.locator('mg-composer.composer #hint'))).toContain('Ctrl+Enter sends.')
  })

  it('invites nobody to be the first on a locked paragraph or in a locked debate', async () => {
    const anchors = await paragraphAnchors(h)
    const moderator = await apiReader(h, fresh('mod'))
    await h.repos.debates.setRole((await h.repos.debates.bySlug('sora'))!.id, moderator.id, 'moderator')
    const page = await h.page()
    await page.goto(`${h.url}/d/sora`)
    await registerInPage(page, fresh('reader'))
    const open = await openThread(page, 5)
    await expect.poll(() => text(open.locator('.status'))).toBe('No arguments yet. Be the first to make one.')

    try {
      expect((await moderator.request('PUT', `/api/debates/sora/paragraphs/${anchors[6]}/lock`, { locked: true })).status).toBe(200)
      await page.reload()
      const locked = await openThread(page, 6)
      await locked.getByText('This paragraph is locked').waitFor()
      await expect.poll(() => text(locked.locator('.status'))).toBe('No arguments yet.')

      expect((await moderator.request('PATCH', '/api/debates/sora/settings', { locked: true })).status).toBe(200)
      await page.reload()
      const readOnly = await openThread(page, 7)
      await readOnly.getByText('This debate is locked').waitFor()
      await expect.poll(() => text(readOnly.locator('.status'))).toBe('No arguments yet.')
      expect(await text(readOnly)).not.toContain('Be the first')
    } finally {
      await moderator.request('PATCH', '/api/debates/sora/settings', { locked: false })
      await moderator.request('PUT', `/api/debates/sora/paragraphs/${anchors[6]}/lock`, { locked: false })
    }
  })
})
