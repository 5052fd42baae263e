/**
 * Live threads: two readers on the same debate; what one posts reaches the other without a
 * reload, and a reader whose connection dropped catches up on what it missed, once.
 */
import axe from 'axe-core'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { registerInPage, useHarness } from './harness.ts'

const h = useHarness()
let names = 0
const fresh = (prefix: string) => `${prefix}${process.pid % 1000}x${++names}`

async function openThread(page: Page, index: number) {
  await page.locator('mg-paragraph-marker button.toggle').nth(index).click()
  const thread = page.locator('mg-paragraph').nth(index).locator('mg-thread')
  await thread.waitFor()
  return thread
}

async function postArgument(page: Page, index: number, stance: 'Pro' | 'Contra', body: string) {
  const composer = page.locator('mg-paragraph').nth(index).locator('mg-thread mg-composer.composer')
  await composer.getByRole('radio', { name: stance }).check()
  await composer.getByLabel('Your argument').fill(body)
  await composer.getByRole('button', { name: 'Post argument' }).click()
  await expect.poll(() => bodiesOf(page, index)).toContain(body)
}

/** Bodies of the paragraph's arguments as shown. */
function bodiesOf(page: Page, index: number) {
  return page
    .locator('mg-paragraph')
    .nth(index)
    .locator('mg-comment article .md')
    .evaluateAll((nodes) => nodes.map((n) => (n.textContent ?? '').replace(/\s+/g, ' ').trim()))
}

const count = (page: Page, index: number) => page.locator('mg-paragraph-marker').nth(index).locator('.count').textContent()
const connection = (page: Page) =>
  page
    .locator('mg-live-status .state')
    .textContent()
    .then((t) => (t ?? '').replace(/\s+/g, ' ').trim())

async function twoReaders() {
  const writer = await h.page()
  const reader = await h.page()
  await Promise.all([writer.goto(`${h.url}/d/sora`), reader.goto(`${h.url}/d/sora`)])
  await registerInPage(writer, fresh('writer'))
  await expect.poll(() => connection(reader)).toMatch(/^Live/)
  await expect.poll(() => connection(writer)).toMatch(/^Live/)
  return { writer, reader }
}

describe('live threads', () => {
  it('shows an argument posted in one page in the other without a reload, behind a "new" button in an open thread', async () => {
    const { writer, reader } = await twoReaders()
    await openThread(writer, 4)
    const readerThread = await openThread(reader, 4)
    await expect.poll(() => connection(reader)).toMatch(/2 online/)
    await readerThread.getByText('2 reading this paragraph').waitFor()

    const composer = writer.locator('mg-paragraph').nth(4).locator('mg-thread mg-composer.composer')
    await composer.getByRole('radio', { name: 'Contra' }).check()
    await composer.getByLabel('Your argument').fill('Live gepostet: Sora ersetzt das Sehen nicht.')
    await readerThread.getByText('Someone is writing a contra argument…').waitFor()
    await composer.getByRole('button', { name: 'Post argument' }).click()

    await expect.poll(() => count(reader, 4)).toBe('1')
    const more = readerThread.getByRole('button', { name: 'Show 1 new argument' })
    await more.waitFor()
    expect(await bodiesOf(reader, 4)).toEqual([])

    await reader.waitForFunction(() => document.getAnimations().length === 0)
    await reader.evaluate(axe.source)
    const result = await reader.evaluate(() =>
      (window as unknown as { axe: typeof axe }).axe.run(document, { resultTypes: ['violations'] }),
    )
    expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => JSON.stringify(n.target)).join(' ')}`)).toEqual([])

    await more.press('Enter')
    await expect.poll(() => bodiesOf(reader, 4)).toEqual(['Live gepostet: Sora ersetzt das Sehen nicht.'])
    // The writer's own page shows its argument once, though its event came back to it too.
    await expect.poll(() => bodiesOf(writer, 4)).toEqual(['Live gepostet: Sora ersetzt das Sehen nicht.'])
  })

  it('catches up after a dropped connection with what it missed, and nothing twice', async () => {
    const { writer, reader } = await twoReaders()
    await openThread(writer, 6)
    await postArgument(writer, 6, 'Pro', 'Vor der Unterbrechung.')
    await expect.poll(() => count(reader, 6)).toBe('1')

    await reader.context().setOffline(true)
    // setOffline does not always end an open WebSocket in Chromium; cut it as the network would.
    await reader.evaluate(() => (window as unknown as { __mgLive: { drop(): void } }).__mgLive.drop())
    await expect.poll(() => connection(reader)).toMatch(/^Offline/)
    await postArgument(writer, 6, 'Contra', 'Während der Leser offline war.')
    await expect.poll(() => count(writer, 6)).toBe('2')
    expect(await count(reader, 6)).toBe('1')

    await reader.context().setOffline(false)
    await expect.poll(() => connection(reader)).toMatch(/^Live/)
    await expect.poll(() => count(reader, 6)).toBe('2')
    await openThread(reader, 6)
    await expect.poll(() => bodiesOf(reader, 6)).toEqual(['Während der Leser offline war.', 'Vor der Unterbrechung.'])
  })
})
