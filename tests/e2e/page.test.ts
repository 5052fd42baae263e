/**
 * The page around the essay: a skip link to the essay as the first stop of the keyboard, the
 * paragraph links beside the markers named for what they are, and a phone's header in one
 * line, in English and German, signed out and signed in.
 */
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { activeElement, axeViolations, outputPath, registerInPage, shownText as text, useHarness } from './harness.ts'

const h = useHarness()
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }
let names = 0
const fresh = (prefix: string) => `${prefix}${process.pid % 1000}p${++names}`

/** The header's height, and whether anything in it reaches past the screen's right edge. */
function header(page: Page) {
  return page.locator('mg-app').evaluate((app) => {
    const bar = app.shadowRoot!.querySelector('header')!
    const right = Math.max(...[...bar.querySelectorAll('*')].map((e) => e.getBoundingClientRect().right))
    return {
      height: bar.getBoundingClientRect().height,
      overflows: right > window.innerWidth || document.documentElement.scrollWidth > window.innerWidth,
    }
  })
}

describe('the page around the essay', () => {
  it('offers a skip link to the essay first, shown when focused, in English and German', async () => {
    const page = await h.page()
    await page.goto(`${h.url}/d/sora`)
    await page.locator('mg-essay h1').waitFor()
    await page.keyboard.press('Tab')
    expect(await activeElement(page)).toMatchObject({ tag: 'a', text: 'Skip to the essay', host: 'mg-app' })
    const skip = page.locator('mg-app a.skip')
    const box = (await skip.boundingBox())!
    expect(box.width).toBeGreaterThan(40)
    expect(box.height).toBeGreaterThan(20)
    expect(box.y).toBeGreaterThanOrEqual(0)
    await page.keyboard.press('Enter')
    await expect.poll(() => activeElement(page)).toMatchObject({ tag: 'h1', host: 'mg-essay' })
    // From the essay's title the next stop is the first paragraph's marker, past the header.
    await page.keyboard.press('Tab')
    expect(await activeElement(page)).toMatchObject({ tag: 'button', host: 'mg-paragraph-marker' })
    expect(await axeViolations(page)).toEqual([])

    await page.getByRole('button', { name: 'Deutsch' }).click()
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('de')
    expect(await text(skip)).toBe('Zum Essay springen')
  })

  it('names the ¶ beside each marker as the link to its paragraph', async () => {
    const page = await h.page()
    await page.goto(`${h.url}/d/sora`)
    const link = page.locator('mg-paragraph').nth(2).locator('mg-paragraph-marker a.link')
    await link.waitFor()
    expect(await link.getAttribute('aria-label')).toBe('Link to paragraph 3')
    expect(await link.getAttribute('title')).toBe('Link to paragraph 3')
    expect(await page.getByRole('link', { name: 'Link to paragraph 3' }).count()).toBe(1)
  })

  it('fits a phone’s header in one line, signed out and signed in, in English and German, the account behind a menu', async () => {
    const page = await h.page(PHONE)
    await page.goto(`${h.url}/d/sora`)
    const menu = page.locator('mg-app header button.menu-toggle')
    await menu.waitFor()
    const line = async (what: string) => {
      const layout = await header(page)
      expect(layout.height, what).toBeLessThanOrEqual(64)
      expect(layout.overflows, what).toBe(false)
    }
    await line('signed out')
    await page.getByRole('button', { name: 'Account' }).click()
    await page.locator('mg-app header').getByRole('button', { name: 'Sign in', exact: true }).waitFor()
    expect(await axeViolations(page)).toEqual([])
    await menu.click()
    await expect.poll(() => menu.getAttribute('aria-expanded')).toBe('false')
    expect(await page.locator('mg-app header').getByRole('button', { name: 'Sign in', exact: true }).count()).toBe(0)
    // The connection's state: a dot on the screen, its words for screen readers.
    expect(await text(page.locator('mg-app mg-live-status'))).toMatch(/^Live/)

    const name = fresh('a-rather-long-username')
    await registerInPage(page, name)
    await line('signed in')
    await page.getByRole('button', { name: `Signed in as ${name}` }).click()
    await page.locator('mg-app header').getByRole('button', { name: 'Sign out' }).waitFor()

    await page.getByRole('button', { name: 'Deutsch' }).click()
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('de')
    await line('signed in, German')
    await page.screenshot({ path: outputPath('phone-header.png'), clip: { x: 0, y: 0, width: 390, height: 200 } })
  })
})
