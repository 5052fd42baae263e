/**
 * Access: one whole flow by keyboard alone (register, open a thread, argue, close it), and
 * axe-core on the debate page with a thread and the composer open, in light and dark.
 */
import axe from 'axe-core'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { activeElement, apiReader, paragraphAnchors, registerInPage, useHarness } from './harness.ts'

const h = useHarness()

/** Presses Tab until the focused element matches, and fails after `max` presses. */
async function tabTo(page: Page, matches: (a: Awaited<ReturnType<typeof activeElement>>) => boolean, max = 60) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab')
    const active = await activeElement(page)
    if (matches(active)) return active
  }
  throw new Error(`Tab never reached the element; last focus: ${JSON.stringify(await activeElement(page))}`)
}

describe('access', () => {
  it('works by keyboard alone: register, open a thread, post an argument, close the thread', async () => {
    const page = await h.page()
    await page.goto(`${h.url}/d/sora`)
    await page.locator('mg-paragraph').first().waitFor()

    // First the skip link to the essay, then the header.
    const first = await tabTo(page, (a) => a.tag === 'a', 1)
    expect(first.text).toBe('Skip to the essay')
    expect((await tabTo(page, (a) => a.tag === 'a', 1)).text).toBe('Marginalia')
    await tabTo(page, (a) => a.tag === 'button' && a.text === 'Register')
    await page.keyboard.press('Enter')
    await expect.poll(() => activeElement(page).then((a) => a.id)).toBe('username')
    const name = `keys${process.pid % 1000}`
    await page.keyboard.type(name)
    await page.keyboard.press('Tab')
    expect((await activeElement(page)).id).toBe('password')
    await page.keyboard.type('correct horse battery')
    await page.keyboard.press('Enter')
    await page.locator('mg-app .user').filter({ hasText: name }).waitFor()
    await expect.poll(() => activeElement(page).then((a) => a.tag)).toBe('main')

    await tabTo(page, (a) => a.tag === 'button' && /paragraph 3$/.test(a.text))
    await page.keyboard.press('Enter')
    await expect.poll(() => activeElement(page).then((a) => a.role)).toBe('heading')
    expect((await activeElement(page)).text).toBe('Debate on paragraph 3')

    await tabTo(page, (a) => a.tag === 'input' && a.host === 'mg-composer')
    await page.keyboard.press('ArrowRight')
    expect(await page.locator('mg-thread mg-composer').getByRole('radio', { name: 'Contra' }).isChecked()).toBe(true)
    await tabTo(page, (a) => a.tag === 'textarea')
    await page.keyboard.type('Mit der Tastatur geschrieben: Sora ersetzt nicht das Denken.')
    await page.keyboard.press('Control+Enter')
    await expect.poll(() => activeElement(page).then((a) => a.tag)).toBe('article')
    const posted = await activeElement(page)
    expect(posted.text).toMatch(new RegExp(`^− Contra ${name} `))
    expect(await page.locator(`mg-comment article#${posted.id} .md p`).textContent()).toBe(
      'Mit der Tastatur geschrieben: Sora ersetzt nicht das Denken.',
    )
    expect(await page.locator('mg-app [role=status]').textContent()).toBe('Your argument was posted.')

    // The reader can vote on nothing of their own, but reply by keyboard too.
    await tabTo(page, (a) => a.tag === 'button' && a.text === 'Reply')
    await page.keyboard.press('Enter')
    await expect.poll(() => activeElement(page).then((a) => a.tag)).toBe('input')
    await page.keyboard.press('Escape')
    await expect.poll(() => page.locator('mg-thread').count()).toBe(0)
    const back = await activeElement(page)
    expect(back.tag).toBe('button')
    expect(back.text).toMatch(/^1 argument, paragraph 3$/)
  })

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`has no axe violations with a thread and the composer open (${colorScheme})`, async () => {
      const anchors = await paragraphAnchors(h)
      const other = await apiReader(h)
      const argument = await other.post(anchors[2]!, 'Ein **Argument** mit [Link](https://example.com) und `Code`.', 'pro')
      await other.post(anchors[2]!, 'Eine Anmerkung dazu.', 'neutral', argument.id)
      await other.post(anchors[2]!, 'Dagegen spricht einiges.', 'contra')

      const page = await h.page({ colorScheme })
      await page.goto(`${h.url}/d/sora`)
      await registerInPage(page, `axe${colorScheme}${process.pid % 1000}`)
      await page.locator('mg-paragraph-marker button.toggle').nth(2).click()
      await page.locator('mg-thread mg-comment').first().waitFor()
      await page.locator('mg-thread mg-comment').first().getByRole('button', { name: 'Reply' }).click()
      await page.locator('mg-comment mg-composer').waitFor()
      await page.locator('mg-thread mg-composer.composer textarea').fill('Ein Entwurf')
      // Let the highlight animations finish so colours are measured at rest.
      await page.waitForFunction(() => document.getAnimations().length === 0)

      await page.evaluate(axe.source)
      const result = await page.evaluate(() =>
        (window as unknown as { axe: typeof axe }).axe.run(document, { resultTypes: ['violations'] }),
      )
      const violations = result.violations.map((v) => ({
        id: v.id,
        help: v.help,
        nodes: v.nodes.map((n) => `${JSON.stringify(n.target)} ${n.failureSummary ?? ''}`.slice(0, 300)),
      }))
      expect(violations).toEqual([])
    })
  }
})
