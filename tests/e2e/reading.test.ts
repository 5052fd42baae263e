/**
 * Reading: the essay as set on the page, its deep links, the interface language, the
 * Content-Security-Policy, a clean console for an anonymous reader, and screenshots at phone and desktop width for reviewers.
 */
import { describe, expect, it } from 'vitest'
import { activeElement, apiReader, outputPath, paragraphAnchors, useHarness } from './harness.ts'

const h = useHarness()

describe('reading an essay', () => {
  it('shows the title, the two section headings and the nine paragraphs, in German', async () => {
    const page = await h.page()
    await page.goto(`${h.url}/d/sora`)
    await expect.poll(() => page.locator('mg-paragraph').count()).toBe(9)
    expect(await page.locator('mg-essay h1').textContent()).toBe('Sora: Das Spektakel der passiven Kreativität')
    expect(await page.locator('mg-essay h2').allTextContents()).toEqual(['Aufstehen', 'Zurücklehnen'])
    const paragraphs = page.locator('mg-paragraph p.text')
    expect(await paragraphs.count()).toBe(9)
    expect((await paragraphs.first().textContent())?.trim()).toMatch(/^OpenAI verspricht mit der KI-App Sora/)
    for (const lang of await paragraphs.evaluateAll((ps) => ps.map((p) => p.getAttribute('lang')))) expect(lang).toBe('de')
    expect(await page.locator('mg-essay h1').getAttribute('lang')).toBe('de')
    expect(await page.title()).toBe('Sora: Das Spektakel der passiven Kreativität · Marginalia')
  })

  it('lists the debates at / and links to the essay', async () => {
    const page = await h.page()
    await page.goto(h.url)
    await page.getByRole('link', { name: /Sora: Das Spektakel/ }).click()
    await page.waitForURL(`${h.url}/d/sora`)
    await expect.poll(() => page.locator('mg-paragraph').count()).toBe(9)
  })

  it('opens for an anonymous reader without a single console error', async () => {
    const page = await h.page()
    const problems: string[] = []
    // A failed request (such as a 401 from the session probe) shows as a console error too.
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`)
    })
    page.on('pageerror', (err) => problems.push(`page: ${err.message}`))
    const probed = page.waitForResponse((r) => r.url().endsWith('/api/auth/session'))
    await page.goto(`${h.url}/d/sora`)
    expect((await probed).status()).toBe(200)
    await expect.poll(() => page.locator('mg-paragraph').count()).toBe(9)
    await page.waitForLoadState('networkidle')
    expect(problems).toEqual([])
  })

  it('serves a strict Content-Security-Policy and works under it', async () => {
    const page = await h.page()
    await page.addInitScript(() => {
      const seen: string[] = []
      ;(window as unknown as { __violations: string[] }).__violations = seen
      document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`))
    })
    const response = await page.goto(`${h.url}/d/sora`)
    const csp = response?.headers()['content-security-policy'] ?? ''
    expect(csp).toContain("script-src 'self'")
    expect(csp).toContain("style-src 'self'")
    expect(csp).not.toContain('unsafe-inline')
    expect(csp).not.toContain('unsafe-eval')
    await expect.poll(() => page.locator('mg-paragraph').count()).toBe(9)
    await page.locator('mg-paragraph-marker button').nth(2).click()
    await page.locator('mg-thread').waitFor()
    expect(await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations)).toEqual([])
  })

  it('scrolls to and highlights the paragraph of a #p- deep link', async () => {
    const anchors = await paragraphAnchors(h)
    const anchor = anchors[7]!
    const page = await h.page({ viewport: { width: 1280, height: 700 } })
    await page.goto(`${h.url}/d/sora#${anchor}`)
    const target = page.locator(`mg-paragraph p#${anchor}`)
    await expect.poll(() => activeElement(page).then((a) => a.id)).toBe(anchor)
    expect(await target.evaluate((p) => p.classList.contains('flash'))).toBe(true)
    const box = await target.boundingBox()
    expect(box!.y).toBeGreaterThanOrEqual(0)
    expect(box!.y).toBeLessThan(700)
    // Every marker offers its paragraph's link.
    expect(await page.locator('mg-paragraph-marker a.link').nth(7).getAttribute('href')).toBe(`#${anchor}`)
  })

  it('follows the interface language of the browser, switches it, and remembers the choice', async () => {
    const german = await h.page({ locale: 'de-DE' })
    await german.goto(`${h.url}/d/sora`)
    await german.locator('mg-paragraph-marker').first().getByText('Argumente', { exact: true }).waitFor()
    expect(await german.evaluate(() => document.documentElement.lang)).toBe('de')

    const page = await h.page({ locale: 'en-US' })
    await page.goto(`${h.url}/d/sora`)
    await page.locator('mg-paragraph-marker').first().getByText('arguments', { exact: true }).waitFor()
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en')
    await page.getByRole('button', { name: 'Deutsch' }).click()
    await page.locator('mg-paragraph-marker').first().getByText('Argumente', { exact: true }).waitFor()
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('de')
    expect(await page.getByRole('button', { name: 'Anmelden' }).count()).toBeGreaterThan(0)
    // The essay itself stays German, marked as such.
    expect(await page.locator('mg-paragraph p.text').first().getAttribute('lang')).toBe('de')
    await page.reload()
    await page.locator('mg-paragraph-marker').first().getByText('Argumente', { exact: true }).waitFor()
    expect(await page.getByRole('button', { name: 'Deutsch' }).getAttribute('aria-pressed')).toBe('true')
    await page.getByRole('button', { name: 'English' }).click()
    await page.locator('mg-paragraph-marker').first().getByText('arguments', { exact: true }).waitFor()
  })

  it('fits a 360 px phone and a desktop with a thread open (screenshots in test-results/)', async () => {
    const anchors = await paragraphAnchors(h)
    const ada = await apiReader(h)
    const grace = await apiReader(h)
    const first = await ada.post(anchors[2]!, 'Das ist **zu pessimistisch**: Werkzeuge haben Kreativität schon oft erweitert.', 'contra')
    await grace.post(anchors[2]!, 'Genau: wer nur noch promptet, _gestaltet_ nicht mehr.', 'pro')
    await grace.post(anchors[2]!, 'Der Vergleich mit dem Fernsehen hinkt – Sora ist interaktiv.', 'contra', first.id)
    await grace.request('PUT', `/api/comments/${first.id}/vote`, { value: 1 })

    for (const width of [360, 1280]) {
      const page = await h.page({ viewport: { width, height: 900 } })
      await page.goto(`${h.url}/d/sora`)
      await page.locator('mg-paragraph-marker button').nth(2).click()
      await expect.poll(() => page.locator('mg-thread mg-comment').count()).toBe(3)
      await page.locator('mg-thread').scrollIntoViewIfNeeded()
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
      expect(overflow).toBeLessThanOrEqual(0)
      await page.screenshot({ path: outputPath(`debate-${width}px-thread-open.png`) })
      await page.screenshot({ path: outputPath(`debate-${width}px-full.png`), fullPage: true })
    }
  })
})
