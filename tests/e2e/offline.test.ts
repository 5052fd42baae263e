/**
 * A reader whose network goes away: the page says so plainly until the connection is back,
 * whatever the browser or the socket claims meanwhile; nothing written is lost and nothing
 * is posted into the void; and what happened meanwhile is summed up below the header.
 */
import type { Page, WebSocketRoute } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { apiReader, axeViolations, paragraphAnchors, registerInPage, shownText, useHarness } from './harness.ts'

const h = useHarness()
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }
let names = 0
const fresh = (prefix: string) => `${prefix}${process.pid % 1000}o${++names}`

const connection = (page: Page) => shownText(page.locator('mg-live-status .state'))

async function live(page: Page) {
  await page.goto(`${h.url}/d/sora`)
  await expect.poll(() => connection(page), { timeout: 5_000 }).toMatch(/^Live/)
}

/** The connection's state, read every 100 ms for `ms`. */
async function watch(page: Page, ms: number): Promise<string[]> {
  const seen = new Set<string>()
  for (const end = Date.now() + ms; Date.now() < end;) {
    seen.add(await connection(page))
    await page.waitForTimeout(100)
  }
  return [...seen]
}

describe('going offline', () => {
  it('says "offline" at once and until the connection is back, and reconnects as soon as the network returns', async () => {
    const page = await h.page()
    await live(page)
    await page.context().setOffline(true)
    await expect.poll(() => connection(page), { timeout: 2_000 }).toBe('Offline, reconnecting…')
    // Screen readers hear it once, from the page's status region.
    expect(await shownText(page.locator('mg-app main > [role=status]'))).toBe('Offline, reconnecting…')
    // The page keeps retrying meanwhile, and still says nothing but "offline".
    expect(await watch(page, 6_000)).toEqual(['Offline, reconnecting…'])
    // The retries are seconds apart by now; the network's return is not made to wait for the next.
    await page.context().setOffline(false)
    await expect.poll(() => connection(page), { timeout: 1_500 }).toMatch(/^Live/)
  })

  it('notices a socket that stopped answering its ping, and says "offline" until a new one is subscribed', async () => {
    const page = await h.page()
    let dead = false
    const sockets: WebSocketRoute[] = []
    await page.routeWebSocket(/\/api\/live/, (ws) => {
      sockets.push(ws)
      // A dead server: the socket opens, takes what it is sent, and answers nothing.
      if (dead) return
      const server = ws.connectToServer()
      server.onMessage((m) => {
        if (!dead) ws.send(m)
      })
    })
    await live(page)
    dead = true
    // The page checks its socket when it is shown again; no pong comes.
    await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')))
    await expect.poll(() => connection(page), { timeout: 15_000 }).toBe('Offline, reconnecting…')
    expect(await watch(page, 3_000)).toEqual(['Offline, reconnecting…'])
    expect(sockets.length).toBeGreaterThan(1)
    dead = false
    await page.evaluate(() => window.dispatchEvent(new Event('online')))
    await expect.poll(() => connection(page), { timeout: 3_000 }).toMatch(/^Live/)
  })

  it('keeps a draft but posts nothing while offline, says why, and lets the draft go once the connection is back', async () => {
    const page = await h.page()
    await live(page)
    await registerInPage(page, fresh('mia'))
    await page.locator('mg-paragraph-marker button.toggle').nth(2).click()
    const composer = page.locator('mg-paragraph').nth(2).locator('mg-thread mg-composer.composer')
    const send = composer.getByRole('button', { name: 'Post argument' })
    await composer.getByRole('radio', { name: 'Contra' }).check()
    await composer.getByLabel('Your argument').fill('Geschrieben im Zug, kurz vor dem Tunnel.')

    // The first try fails on the way (the network went before the page noticed): the draft stays.
    await page.route('**/api/debates/sora/paragraphs/*/comments', (route) => route.abort('internetdisconnected'))
    await send.click()
    await composer.getByText('Could not reach the server').waitFor()
    await page.context().setOffline(true)
    await expect.poll(() => connection(page), { timeout: 2_000 }).toBe('Offline, reconnecting…')
    expect(await send.isDisabled()).toBe(true)
    expect(await shownText(composer)).toContain('You are offline. Your draft is kept: post it once the connection is back.')
    await composer.getByLabel('Your argument').press('Control+Enter')
    expect(await composer.getByLabel('Your argument').inputValue()).toBe('Geschrieben im Zug, kurz vor dem Tunnel.')
    expect(await axeViolations(page)).toEqual([])

    // Back online: the old failure is gone, the draft is there, and it posts.
    await page.unroute('**/api/debates/sora/paragraphs/*/comments')
    await page.context().setOffline(false)
    await expect.poll(() => connection(page), { timeout: 3_000 }).toMatch(/^Live/)
    expect(await send.isDisabled()).toBe(false)
    expect(await shownText(composer)).not.toMatch(/Could not reach the server|You are offline/)
    expect(await composer.getByLabel('Your argument').inputValue()).toBe('Geschrieben im Zug, kurz vor dem Tunnel.')
    await send.click()
    await page.locator('mg-paragraph').nth(2).locator('mg-comment').getByText('Geschrieben im Zug').waitFor()
    expect(await composer.getByLabel('Your argument').inputValue()).toBe('')
  })

  it('sums up per paragraph what came in while the connection was gone, below the header of a phone, which keeps its height', async () => {
    const page = await h.page(PHONE)
    await live(page)
    const anchors = await paragraphAnchors(h)
    const writer = await apiReader(h, fresh('ole'))
    const first = await writer.post(anchors[4]!, 'Vorher geschrieben.', 'pro')
    await expect.poll(() => shownText(page.locator('mg-paragraph-marker').nth(4).locator('.count'))).toBe('1')
    const header = () => page.locator('mg-app header').evaluate((el) => el.getBoundingClientRect().height)
    const before = await header()

    // A short absence: a few seconds without network are enough to miss something.
    await page.context().setOffline(true)
    await expect.poll(() => connection(page), { timeout: 2_000 }).toBe('Offline, reconnecting…')
    await writer.post(anchors[2]!, 'Erstens, während du weg warst.', 'contra')
    await writer.post(anchors[2]!, 'Zweitens, während du weg warst.', 'neutral')
    await writer.post(anchors[4]!, 'Eine Antwort darauf.', 'contra', first.id)
    await page.context().setOffline(false)

    const notice = page.locator('mg-app aside.away')
    await notice.waitFor({ timeout: 5_000 })
    expect(await shownText(notice)).toBe('While you were away Paragraph 3: 2 new arguments Paragraph 5: 1 new reply Dismiss')
    expect(await header()).toBe(before)
    expect(await page.locator('mg-app header aside, mg-app header .away').count()).toBe(0)
    const box = (await notice.boundingBox())!
    expect(box.y + box.height).toBeLessThanOrEqual(PHONE.viewport.height)
    expect(box.width).toBeLessThanOrEqual(PHONE.viewport.width)
    expect(await axeViolations(page)).toEqual([])

    await notice.getByRole('button', { name: 'Dismiss' }).click()
    await notice.waitFor({ state: 'detached' })
  })

  it('says all of it in German too', async () => {
    const anchors = await paragraphAnchors(h)
    const me = await apiReader(h, fresh('jule'))
    const writer = await apiReader(h, fresh('kai'))
    const page = await h.page({ locale: 'de-DE' })
    const [name, ...value] = me.cookie.split('=')
    await page.context().addCookies([{ name: name!, value: value.join('='), url: h.url }])
    await page.goto(`${h.url}/d/sora`)
    await expect.poll(() => connection(page), { timeout: 5_000 }).toMatch(/^Live/)
    await page.locator('mg-paragraph-marker button.toggle').nth(2).click()
    const composer = page.locator('mg-paragraph').nth(2).locator('mg-thread mg-composer.composer')
    await composer.getByRole('radio', { name: 'Contra' }).check()
    await composer.locator('textarea').fill('Entwurf im Funkloch.')

    await page.context().setOffline(true)
    await expect.poll(() => connection(page), { timeout: 2_000 }).toBe('Offline, verbinde neu…')
    expect(await shownText(composer)).toContain('Du bist offline. Dein Entwurf bleibt erhalten')
    await writer.post(anchors[2]!, 'Inzwischen geschrieben.', 'pro')
    await page.context().setOffline(false)
    const notice = page.locator('mg-app aside.away')
    await notice.waitFor({ timeout: 5_000 })
    expect(await shownText(notice)).toBe('Während du weg warst Absatz 3: 1 neues Argument Schließen')
    expect(await composer.locator('textarea').inputValue()).toBe('Entwurf im Funkloch.')
  })
})
