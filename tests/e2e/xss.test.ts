/**
 * Script injection: the corpus of payloads posted as comments through the API is shown in
 * a thread (and in the composer's preview); nothing runs, and the rendered DOM, shadow
 * roots included, holds no script of theirs, no event-handler attribute and no link other
 * than http, https or mailto.
 */
import { describe, expect, it } from 'vitest'
import { apiReader, paragraphAnchors, registerInPage, useHarness } from './harness.ts'
import { XSS_CORPUS } from './xss-corpus.ts'

const h = useHarness()

interface Findings {
  scripts: string[]
  handlers: string[]
  links: string[]
  frames: number
}

describe('script injection', () => {
  it('posts the XSS corpus as comments and nothing runs or reaches the DOM', async () => {
    const anchor = (await paragraphAnchors(h))[1]!
    // The comment limit is 20 a minute per reader, so the corpus is shared out.
    const writers = await Promise.all([apiReader(h), apiReader(h), apiReader(h)])
    const ids: number[] = []
    for (const [i, payload] of XSS_CORPUS.entries()) {
      const c = await writers[i % writers.length]!.post(anchor, payload, (['pro', 'contra', 'neutral'] as const)[i % 3]!)
      ids.push(c.id)
    }
    await writers[0]!.post(anchor, XSS_CORPUS[0]!, 'contra', ids[1])

    const page = await h.page()
    const dialogs: string[] = []
    page.on('dialog', (d) => {
      dialogs.push(d.message())
      void d.dismiss()
    })
    await page.addInitScript(() => {
      Object.defineProperty(window, '__pwned', {
        configurable: false,
        get: () => undefined,
        set: () => {
          ;(window as unknown as { __hits: number }).__hits = ((window as unknown as { __hits?: number }).__hits ?? 0) + 1
        },
      })
    })
    await page.goto(`${h.url}/d/sora`)
    await registerInPage(page, `guard${process.pid % 1000}`)
    await page.locator('mg-paragraph-marker button.toggle').nth(1).click()
    await expect.poll(() => page.locator('mg-thread mg-comment').count()).toBe(XSS_CORPUS.length + 1)

    // Preview a payload in the composer too, and hover and focus what the payloads rendered.
    const composer = page.locator('mg-thread mg-composer.composer')
    await composer.locator('textarea').fill(XSS_CORPUS.join('\n\n'))
    await composer.getByRole('button', { name: 'Preview' }).click()
    for (const link of await page.locator('mg-thread mg-comment .md a').all()) await link.hover()
    await page.waitForFunction(() => document.getAnimations().length === 0)

    const findings: Findings = await page.evaluate(() => {
      const found: Findings = { scripts: [], handlers: [], links: [], frames: 0 }
      const visit = (root: Document | ShadowRoot) => {
        for (const el of Array.from(root.querySelectorAll('*'))) {
          const tag = el.tagName.toLowerCase()
          // The page's own bundle is the one script allowed: a module from /assets/.
          if (tag === 'script' && !(el.getAttribute('src') ?? '').startsWith('/assets/')) found.scripts.push(el.outerHTML.slice(0, 120))
          if (tag === 'iframe' || tag === 'object' || tag === 'embed') found.frames++
          for (const attr of Array.from(el.attributes)) {
            if (attr.name.toLowerCase().startsWith('on')) found.handlers.push(`${tag} ${attr.name}`)
          }
          if (tag === 'a' && el.hasAttribute('href')) {
            const href = el.getAttribute('href')!
            const url = new URL(href, location.href)
            const internal = href.startsWith('#') || (url.origin === location.origin && href.startsWith('/'))
            if (!internal && !['http:', 'https:', 'mailto:'].includes(url.protocol)) found.links.push(href)
            if (!internal && el.getAttribute('rel') !== 'noopener noreferrer nofollow ugc') found.links.push(`rel of ${href}`)
          }
          if (el.shadowRoot) visit(el.shadowRoot)
        }
      }
      visit(document)
      return found
    })
    expect(findings).toEqual({ scripts: [], handlers: [], links: [], frames: 0 })
    expect(dialogs).toEqual([])
    expect(await page.evaluate(() => (window as unknown as { __hits?: number }).__hits ?? 0)).toBe(0)
    // The payloads are there, as text.
    await page.locator('mg-thread mg-comment').getByText('<script>window.__pwned = 1</script>').first().waitFor()
  })
})
