/**
 * The client's budgets: the gzipped JavaScript of the built bundle (≤ 60 KB), and, in
 * headless Chromium, the debate page of 2,000 comments showing the essay with every
 * paragraph's correct count (≤ 1 s from navigation), and a thread of 300 comments opening
 * (≤ 200 ms from the click until all 300 are rendered). Each browser figure is the median
 * of several cold page loads, each in a fresh browser context.
 */
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Page } from 'playwright-core'
import { bundleSize, LEADER_BUDGET_KB, READER_BUDGET_KB, SEMINAR_BUDGET_KB } from '../client/bundle-budget.ts'
import { launchChromium } from '../tests/e2e/browser.ts'
import { median } from './harness/load.ts'
import type { BenchContext, Row } from './harness/types.ts'
import type { ClientTargets } from './servers/client-server.ts'

const ASSETS = fileURLToPath(new URL('../client/dist/assets', import.meta.url))
const RUNS = 7

export async function clientBenchmark(ctx: BenchContext): Promise<Row[]> {
  const bundle = bundleSize(ASSETS)
  const server = await ctx.startServer<ClientTargets>('client-server.ts', [join(ctx.tmpDir, 'client.db')])
  const browser = await launchChromium()
  const loads: number[] = []
  const opens: number[] = []
  try {
    for (let run = 0; run < RUNS; run++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' })
      const page = await context.newPage()
      loads.push(await pageShown(page, `${server.url}/d/sora`, server.info.counts))
      // A reader opens a thread on a page that has finished loading, not in the same frame.
      await page.evaluate(() => new Promise((resolve) => requestIdleCallback(resolve, { timeout: 2000 })))
      opens.push(await threadOpened(page, server.info.threadAnchor, server.info.threadSize))
      await context.close()
      ctx.log(`client run ${run + 1}/${RUNS}: page ${loads.at(-1)!.toFixed(0)} ms, thread ${opens.at(-1)!.toFixed(0)} ms`)
    }
  } finally {
    await browser.close()
    await server.stop()
  }
  const { total, threadSize } = server.info
  const spread = (values: number[]) =>
    `median of ${values.length} cold loads; min ${Math.min(...values).toFixed(0)} ms, max ${Math.max(...values).toFixed(0)} ms`
  return [
    {
      title: 'Client bundle for readers (JavaScript, gzipped)',
      measured: `The JavaScript files a reader may download, gzipped at level 9: ${bundle.readerFiles.join(', ')}.`,
      better: 'lower',
      app: { value: bundle.readerKb, unit: 'KB' },
      target: { limit: READER_BUDGET_KB },
      notes: [
        'The German messages are a chunk of their own, loaded only for German readers; they count here all the same.',
        `The moderators' views (queue, settings, log, members, the menu on each comment) are a lazy chunk, with their own German messages, that readers never load: ${bundle.moderatorKb} KB more, ${bundle.totalKb} KB in all.`,
      ],
    },
    {
      title: "Client bundle for a seminar's participants (JavaScript, gzipped)",
      measured:
        "What a seminar's participant may download: the reader's files and the participants' lazy chunk (the seminar bar with " +
        'its poll card and speaker queue, the join page, the form that starts a seminar) with its German messages.',
      better: 'lower',
      app: {
        value: Math.round((bundle.readerKb + bundle.seminarKb) * 10) / 10,
        unit: 'KB',
        detail: `${bundle.readerKb} KB + ${bundle.seminarKb} KB`,
      },
      target: { limit: SEMINAR_BUDGET_KB },
    },
    {
      title: "Client views of a seminar's leaders (JavaScript, gzipped, on top of the reader's)",
      measured:
        "The leaders' lazy chunk: their panel with the overview and roster, the projector view with its QR code, and their German messages.",
      better: 'lower',
      app: { value: bundle.leaderKb, unit: 'KB' },
      target: { limit: LEADER_BUDGET_KB },
    },
    {
      title: `Debate page with ${total.toLocaleString('en-US')} comments shown`,
      measured:
        `Headless Chromium opens \`/d/sora\` with ${total.toLocaleString('en-US')} comments over its nine paragraphs; ` +
        'timed from navigation start until the title, the nine paragraphs and every marker with its correct count are on the page.',
      better: 'lower',
      app: { value: Math.round(median(loads)), unit: 'ms', detail: spread(loads) },
      target: { limit: 1000 },
      notes: ['Served by the real app (client/dist through @fastify/static) from a SQLite file, on the same machine as the browser.'],
    },
    {
      title: `Open a thread of ${threadSize} comments`,
      measured:
        `A click on the third paragraph's marker of the loaded page (once the browser is idle), timed until all ${threadSize} ` +
        'comments (arguments with replies up to three deep, Markdown bodies) are rendered in the thread; includes fetching the thread.',
      better: 'lower',
      app: { value: Math.round(median(opens)), unit: 'ms', detail: spread(opens) },
      target: { limit: 200 },
    },
  ]
}

/** Milliseconds from navigation start until the essay and every correct count are shown. */
async function pageShown(page: Page, url: string, counts: Record<string, number>): Promise<number> {
  await page.goto(url, { waitUntil: 'commit' })
  const handle = await page.waitForFunction(
    (expected) => {
      const essay = document.querySelector('mg-app')?.shadowRoot?.querySelector('mg-essay')?.shadowRoot
      if (!essay?.querySelector('h1')) return false
      const paragraphs = [...essay.querySelectorAll('mg-paragraph')]
      if (paragraphs.length !== 9) return false
      for (const p of paragraphs) {
        const text = p.shadowRoot?.querySelector('p.text')
        const anchor = text?.id ?? ''
        const count = p.shadowRoot?.querySelector('mg-paragraph-marker')?.shadowRoot?.querySelector('.count')?.textContent
        if (!text?.textContent?.trim() || count !== String(expected[anchor] ?? 0)) return false
      }
      return performance.now()
    },
    counts,
    { polling: 'raf', timeout: 30_000 },
  )
  return (await handle.jsonValue()) as number
}

/** Milliseconds from the click on the marker until every comment of the thread is rendered. */
async function threadOpened(page: Page, anchor: string, size: number): Promise<number> {
  // No named functions inside: tsx would wrap them in a helper the page does not have.
  return page.evaluate(
    async ({ anchor, expected }) => {
      const essay = document.querySelector('mg-app')!.shadowRoot!.querySelector('mg-essay')!.shadowRoot!
      const paragraph = [...essay.querySelectorAll('mg-paragraph')].find((p) => p.shadowRoot?.querySelector(`p#${anchor}`))!
      const button = paragraph.shadowRoot!.querySelector('mg-paragraph-marker')!.shadowRoot!.querySelector('button')!
      const start = performance.now()
      button.click()
      for (;;) {
        const comments = paragraph.shadowRoot?.querySelector('mg-thread')?.shadowRoot?.querySelectorAll('mg-comment') ?? []
        const last = comments[comments.length - 1]
        if (comments.length === expected && last?.querySelector('.md')?.childElementCount) {
          return performance.now() - start
        }
        if (performance.now() - start > 30_000) throw new Error('the thread did not finish rendering in 30 s')
        await new Promise((resolve) => requestAnimationFrame(resolve))
      }
    },
    { anchor, expected: size },
  )
}
