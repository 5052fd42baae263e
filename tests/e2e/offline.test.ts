/**
 * A reader whose network goes away: the page says so plainly until the connection is back,
 * whatever the browser or the socket claims meanwhile; nothing written is lost and nothing
 * is posted into the void; and what happened meanwhile is summed up below the header.
 */
import type { Page, WebSocketRoute } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { shownText, useHarness } from './harness.ts'

const h = useHarness()

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
})
