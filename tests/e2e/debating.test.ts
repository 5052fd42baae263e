/**
 * Debating: registering, posting an argument and a reply with their stances, voting,
 * taking a position, finding it all again after a reload, deep links to comments, and
 * drafts that survive failures without ever posting twice.
 */
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { activeElement, apiReader, paragraphAnchors, registerInPage, useHarness } from './harness.ts'

const h = useHarness()
let names = 0
const fresh = (prefix: string) => `${prefix}${process.pid % 1000}x${++names}`

async function openThread(page: Page, index: number) {
  await page.locator('mg-paragraph-marker button.toggle').nth(index).click()
  const thread = page.locator('mg-paragraph').nth(index).locator('mg-thread')
  await thread.waitFor()
  return thread
}

/** Comments of the paragraph's thread as "stance|author|body". */
function commentsOf(page: Page, index: number) {
  return page
    .locator('mg-paragraph')
    .nth(index)
    .locator('mg-comment article')
    .evaluateAll((articles) =>
      articles.map((a) =>
        [a.querySelector('.stance'), a.querySelector('.author'), a.querySelector('.md')]
          .map((n) => (n?.textContent ?? '').replace(/\s+/g, ' ').trim())
          .join('|'),
      ),
    )
}

describe('debating a paragraph', () => {
  it('registers, argues contra on the third paragraph, replies with an objection, and finds both after a reload', async () => {
    const page = await h.page()
    await page.goto(`${h.url}/d/sora`)
    const name = fresh('writer')
    await registerInPage(page, name)

    const thread = await openThread(page, 2)
    const composer = thread.locator('mg-composer.composer')
    await composer.getByRole('radio', { name: 'Contra' }).check()
    await composer.getByLabel('Your argument').fill('Sora ist **ein Werkzeug**; gestalten muss man trotzdem.')
    await composer.getByRole('button', { name: 'Post argument' }).click()
    await expect.poll(() => commentsOf(page, 2)).toEqual([`− Contra|${name}|Sora ist ein Werkzeug; gestalten muss man trotzdem.`])
    const marker = page.locator('mg-paragraph-marker').nth(2)
    expect(await marker.locator('.count').textContent()).toBe('1')

    await thread.locator('mg-comment').first().getByRole('button', { name: 'Reply' }).click()
    const reply = thread.locator('mg-comment mg-composer')
    await reply.getByRole('radio', { name: 'Objects' }).check()
    await reply.getByLabel('Your reply').fill('Ein Werkzeug, das die ganze Arbeit macht, ist keins mehr.')
    await reply.getByRole('button', { name: 'Post reply' }).click()
    await expect
      .poll(() => commentsOf(page, 2))
      .toEqual([
        `− Contra|${name}|Sora ist ein Werkzeug; gestalten muss man trotzdem.`,
        `− Objects|${name}|Ein Werkzeug, das die ganze Arbeit macht, ist keins mehr.`,
      ])
    // A reply is no argument of its own: the marker counts arguments, as the thread's heading does.
    expect(await marker.locator('.count').textContent()).toBe('1')
    expect(await thread.locator('p.count').textContent()).toMatch(/^\s*1 argument\s*$/)
    // The reply sits in the list nested under its argument.
    expect(await thread.locator('ol.arguments > li > ol.replies > li mg-comment').count()).toBe(1)

    await page.reload()
    await page.locator('mg-app .user').filter({ hasText: name }).waitFor()
    await openThread(page, 2)
    await expect.poll(() => commentsOf(page, 2)).toHaveLength(2)
    expect((await commentsOf(page, 2))[1]).toMatch(/^− Objects\|/)
    expect(await page.locator('mg-paragraph-marker').nth(2).locator('.count').textContent()).toBe('1')
  })

  it('lets a second reader vote for an argument, and keeps the vote after a reload', async () => {
    const [anchor] = (await paragraphAnchors(h)).slice(3)
    const author = await apiReader(h)
    const argument = await author.post(anchor!, 'Debord beschreibt das Fernsehen, nicht Sora.', 'contra')

    const page = await h.page()
    await page.goto(`${h.url}/d/sora`)
    await registerInPage(page, fresh('voter'))
    const thread = await openThread(page, 3)
    const vote = thread.locator('mg-comment').first().locator('button.vote')
    expect(await vote.getAttribute('aria-pressed')).toBe('false')
    await vote.click()
    await expect.poll(() => vote.locator('.votes').textContent()).toBe('1')
    expect(await vote.getAttribute('aria-pressed')).toBe('true')
    await expect.poll(async () => (await author.request('GET', `/api/comments/${argument.id}`)).json.comment.votes).toBe(1)

    await page.reload()
    const again = (await openThread(page, 3)).locator('mg-comment').first().locator('button.vote')
    await expect.poll(() => again.getAttribute('aria-pressed')).toBe('true')
    expect(await again.locator('.votes').textContent()).toBe('1')
  })

  it('sets the reader’s position and updates the tally at once', async () => {
    const [anchor] = (await paragraphAnchors(h)).slice(4)
    const other = await apiReader(h)
    await other.request('PUT', `/api/debates/sora/paragraphs/${anchor}/position`, { stance: 'pro' })

    const page = await h.page()
    await page.goto(`${h.url}/d/sora`)
    await registerInPage(page, fresh('reader'))
    const thread = await openThread(page, 4)
    const tally = thread.locator('mg-position-picker mg-stance-bar [role=img]')
    expect(await tally.getAttribute('aria-label')).toBe("Readers' positions: 1 pro, 0 contra, 0 undecided")
    await thread.locator('mg-position-picker').getByRole('radio', { name: 'Contra' }).check()
    await expect.poll(() => tally.getAttribute('aria-label')).toBe("Readers' positions: 1 pro, 1 contra, 0 undecided")
    await thread.locator('mg-position-picker').getByRole('radio', { name: 'Undecided' }).check()
    await expect.poll(() => tally.getAttribute('aria-label')).toBe("Readers' positions: 1 pro, 0 contra, 1 undecided")
    const markerBar = page.locator('mg-paragraph-marker').nth(4).locator('#summary')
    await expect.poll(() => markerBar.textContent()).toContain('1 pro, 0 contra, 1 undecided')

    await page.reload()
    const reloaded = await openThread(page, 4)
    await expect.poll(() => reloaded.getByRole('radio', { name: 'Undecided' }).isChecked()).toBe(true)
    expect(await reloaded.locator('mg-position-picker mg-stance-bar [role=img]').getAttribute('aria-label')).toBe(
      "Readers' positions: 1 pro, 0 contra, 1 undecided",
    )
  })

  it('opens the thread of a #c- deep link and highlights the comment', async () => {
    const anchors = await paragraphAnchors(h)
    const author = await apiReader(h)
    const first = await author.post(anchors[8]!, 'Das erste Argument zum letzten Absatz.', 'pro')
    const target = await author.post(anchors[8]!, 'Genau dieses Argument ist gemeint.', 'neutral', first.id)

    const page = await h.page({ viewport: { width: 1280, height: 700 } })
    await page.goto(`${h.url}/d/sora#c-${target.id}`)
    await expect.poll(() => activeElement(page).then((a) => a.id)).toBe(`c-${target.id}`)
    const article = page.locator(`mg-comment article#c-${target.id}`)
    expect(await article.evaluate((a) => a.classList.contains('flash'))).toBe(true)
    expect(await page.locator('mg-paragraph').nth(8).locator('mg-paragraph-marker button').getAttribute('aria-expanded')).toBe('true')
    const box = await article.boundingBox()
    expect(box!.y).toBeGreaterThanOrEqual(0)
    expect(box!.y + box!.height).toBeLessThanOrEqual(700)
    expect(await article.locator('a.permalink').getAttribute('href')).toBe(`#c-${target.id}`)
  })

  it('keeps a draft through a network failure and a reload, and a retry never posts twice', async () => {
    const page = await h.page()
    await page.goto(`${h.url}/d/sora`)
    const name = fresh('drafter')
    await registerInPage(page, name)
    let thread = await openThread(page, 5)
    const text = 'Entwurf, der einen Ausfall übersteht.'
    await thread.locator('mg-composer.composer').getByRole('radio', { name: 'Neutral' }).check()
    await thread.locator('mg-composer.composer textarea').fill(text)

    // The network is down: nothing reaches the server.
    await page.route('**/comments', (route) =>
      route.request().method() === 'POST' ? route.abort('internetdisconnected') : route.fallback(),
    )
    await thread.locator('mg-composer.composer textarea').press('Control+Enter')
    await thread.locator('mg-composer.composer [role=alert]').getByText('Your draft is kept.').waitFor()
    expect(await thread.locator('mg-composer.composer textarea').inputValue()).toBe(text)

    await page.unroute('**/comments')
    await page.reload()
    thread = await openThread(page, 5)
    expect(await thread.locator('mg-composer.composer textarea').inputValue()).toBe(text)
    expect(await thread.locator('mg-composer.composer').getByRole('radio', { name: 'Neutral' }).isChecked()).toBe(true)

    // The request reaches the server but its answer is lost on the way back.
    let delivered = 0
    await page.route('**/comments', async (route) => {
      if (route.request().method() !== 'POST') return route.fallback()
      await route.fetch()
      delivered++
      await route.abort('connectionreset')
    })
    await thread.locator('mg-composer.composer textarea').press('Control+Enter')
    await thread.locator('mg-composer.composer [role=alert]').getByText('Your draft is kept.').waitFor()
    expect(delivered).toBe(1)

    await page.unroute('**/comments')
    await thread.locator('mg-composer.composer').getByRole('button', { name: 'Post argument' }).click()
    await expect.poll(() => commentsOf(page, 5)).toEqual([`○ Neutral|${name}|${text}`])
    expect(await thread.locator('mg-composer.composer textarea').inputValue()).toBe('')
    const anchor = (await paragraphAnchors(h))[5]
    const stored = await (await fetch(`${h.url}/api/debates/sora/paragraphs/${anchor}/comments`)).json()
    expect(stored.comments.filter((c: { body: string }) => c.body === text)).toHaveLength(1)
    expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('mg:draft:')))).toEqual([])
  })

  it('signs in from a thread and out again without leaving the essay', async () => {
    const reader = await apiReader(h)
    const page = await h.page()
    await page.goto(`${h.url}/d/sora`)
    const thread = await openThread(page, 7)
    await thread.getByRole('button', { name: 'Sign in', exact: true }).click()
    const dialog = page.locator('mg-auth-dialog dialog')
    await dialog.locator('#username').fill(reader.username)
    await dialog.locator('#password').fill('not the password')
    await dialog.locator('button[type=submit]').click()
    await dialog.getByText('Wrong username or password.').waitFor()
    await dialog.locator('#password').fill('correct horse battery')
    await dialog.locator('button[type=submit]').click()
    await page.locator('mg-app .user').filter({ hasText: reader.username }).waitFor()
    await expect.poll(() => dialog.isVisible()).toBe(false)
    // Writing continues where the reader asked to sign in: in the thread's composer.
    await expect.poll(() => activeElement(page).then((a) => `${a.host} ${a.tag}`)).toBe('mg-composer input')
    expect(page.url()).toBe(`${h.url}/d/sora`)

    await page.getByRole('button', { name: 'Sign out' }).click()
    await page.locator('mg-app header').getByRole('button', { name: 'Sign in', exact: true }).waitFor()
    await thread.getByText('Sign in to add an argument, reply or vote.').waitFor()
    expect(await thread.locator('mg-composer').count()).toBe(0)
    expect(page.url()).toBe(`${h.url}/d/sora`)
    const me = await page.evaluate(async () => (await fetch('/api/auth/me')).status)
    expect(me).toBe(401)
  })

  it("shows the server's validation message next to the field", async () => {
    const page = await h.page()
    await page.goto(`${h.url}/d/sora`)
    await registerInPage(page, fresh('verbose'))
    const thread = await openThread(page, 6)
    const composer = thread.locator('mg-composer.composer')
    await composer.getByRole('radio', { name: 'Pro' }).check()
    await composer.locator('textarea').fill('x'.repeat(5001))
    await composer.getByRole('button', { name: 'Post argument' }).click()
    const error = composer.locator('#body-error')
    await error.waitFor()
    expect(await error.textContent()).toMatch(/5000/)
    expect(await composer.locator('textarea').getAttribute('aria-invalid')).toBe('true')
  })
})
