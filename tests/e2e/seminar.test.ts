/**
 * A live seminar in the browser: a leader starts one and steers it; two students join from
 * their phones with the code, one as a guest; the phases, the spotlight and a stance poll
 * with its "after" round reach every page live, and the projector shows who changed side.
 */
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { axeViolations, outputPath, registerInPage, shownText as text, useHarness } from './harness.ts'

const h = useHarness()
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }
let names = 0
const fresh = (prefix: string) => `${prefix}${process.pid % 1000}s${++names}`

const phaseOf = (page: Page) => text(page.locator('mg-seminar-bar'))

/** Whether the paragraph's first line is in view, below the seminar's bar that stays on top. */
function inView(page: Page, index: number) {
  return page
    .locator('mg-paragraph')
    .nth(index)
    .locator('p.text')
    .evaluate((text) => {
      const bar = document.querySelector('mg-app')!.shadowRoot!.querySelector('mg-seminar-bar')!.getBoundingClientRect()
      const top = text.getBoundingClientRect().top
      return top >= bar.bottom - 1 && top + 30 < window.innerHeight
    })
}

/**
 * How a student's phone shows the seminar: the bar's box, the spotlighted paragraph's, the
 * poll's answer buttons (and whether each lies inside the bar without scrolling it), and the
 * page's width against the screen's.
 */
function phoneLayout(page: Page) {
  return page.evaluate(() => {
    const app = document.querySelector('mg-app')!.shadowRoot!
    const host = app.querySelector('mg-seminar-bar')!
    const bar = host.getBoundingClientRect()
    const section = host.shadowRoot!.querySelector('.bar')!
    const clip = section.getBoundingClientRect()
    const spot = app.querySelector('mg-essay')!.shadowRoot!.querySelector('mg-paragraph[spotlit]')
    const text = spot?.shadowRoot!.querySelector('p.text')?.getBoundingClientRect() ?? null
    const card = host.shadowRoot!.querySelector('mg-poll-card')?.shadowRoot ?? null
    const buttons = [...(card?.querySelectorAll('.choices button') ?? [])].map((b) => {
      const r = b.getBoundingClientRect()
      return r.top >= clip.top && r.bottom <= clip.bottom && r.bottom <= window.innerHeight && r.height > 0
    })
    return {
      barHeight: bar.height,
      pageWidth: document.documentElement.scrollWidth,
      barScrolled: section.scrollTop,
      buttons,
      spotCovered: text ? text.top < bar.bottom && text.bottom > bar.top : null,
    }
  })
}

/** Whether a part of the poll card lies whole within the seminar's bar, as the bar is scrolled now. */
function inBar(page: Page, selector: string) {
  return page.evaluate((selector) => {
    const bar = document.querySelector('mg-app')!.shadowRoot!.querySelector('mg-seminar-bar')!.shadowRoot!
    const clip = bar.querySelector('.bar')!.getBoundingClientRect()
    const part = bar.querySelector('mg-poll-card')!.shadowRoot!.querySelector(selector)!.getBoundingClientRect()
    return part.top >= clip.top && part.bottom <= clip.bottom && part.height > 0
  }, selector)
}

async function startSeminar(leader: Page, title: string): Promise<{ slug: string; code: string }> {
  await leader.goto(h.url)
  await registerInPage(leader, fresh('leader'))
  await leader.getByRole('button', { name: 'Start a seminar' }).click()
  const form = leader.locator('mg-seminar-start form')
  await form.getByLabel('Title').fill(title)
  await form.getByRole('button', { name: 'Start the seminar' }).click()
  await leader.waitForURL(/\/d\/[a-z0-9-]+$/)
  const panel = leader.locator('mg-leader-panel')
  await panel.getByRole('heading', { name: 'Leading the seminar' }).waitFor()
  const code = (await text(panel.locator('.code'))).replace(/[^A-Z0-9]/g, '')
  expect(code).toMatch(/^[A-Z0-9]{8}$/)
  return { slug: new URL(leader.url()).pathname.split('/')[2]!, code }
}

async function joinAsGuest(page: Page, code: string, name: string) {
  await page.goto(`${h.url}/join/${code}`)
  const form = page.locator('mg-join form')
  await form.getByLabel('Your name').fill(name)
  await form.getByRole('button', { name: 'Join the seminar' }).click()
  await page.waitForURL(/\/d\/[a-z0-9-]+$/)
  await page.locator('mg-seminar-bar').getByText('Phase: Reading').waitFor()
}

async function vote(page: Page, stance: 'Pro' | 'Contra' | 'Undecided') {
  const card = page.locator('mg-poll-card')
  await card.getByRole('group', { name: 'Your vote' }).getByRole('button', { name: stance }).click()
  await expect.poll(() => card.getByRole('button', { name: stance }).getAttribute('aria-pressed')).toBe('true')
}

describe('a live seminar', () => {
  it('is joined by code on phones and follows the leader through phases, spotlight and a before/after poll', async () => {
    const leader = await h.page()
    const { slug, code } = await startSeminar(leader, 'Klasse 11b, Dienstag')
    const panel = leader.locator('mg-leader-panel')

    // One student has an account, the other joins as a guest with a display name.
    const ada = await h.page(PHONE)
    const ben = await h.page(PHONE)
    await ada.goto(h.url)
    await registerInPage(ada, fresh('ada'))
    await ada.goto(`${h.url}/join/${code}`)
    await ada
      .locator('mg-join')
      .getByRole('button', { name: /^Join as / })
      .waitFor()
    expect(await axeViolations(ada)).toEqual([])
    await ada
      .locator('mg-join')
      .getByRole('button', { name: /^Join as / })
      .click()
    await ada.waitForURL(`${h.url}/d/${slug}`)
    await joinAsGuest(ben, code, 'Ben')
    await expect.poll(() => text(panel.locator('.mode'))).toContain('3 members')
    // Reading: the essay is shown and nobody can argue yet.
    expect(await ada.locator('mg-paragraph-marker button.toggle').count()).toBeGreaterThan(0)

    // Private: each student writes an argument that only they and the leader see.
    await panel.getByRole('button', { name: 'Private' }).click()
    await expect.poll(() => phaseOf(ada)).toContain('Phase: Private')
    await expect.poll(() => phaseOf(ben)).toContain('Phase: Private')
    await ada.locator('mg-paragraph-marker button.toggle').nth(2).click()
    const composer = ada.locator('mg-paragraph').nth(2).locator('mg-thread mg-composer.composer')
    await composer.getByRole('radio', { name: 'Contra' }).check()
    await composer.getByLabel('Your argument').fill('Wer einen Prompt schreibt, entscheidet schon etwas.')
    await composer.getByRole('button', { name: 'Post argument' }).click()
    const adaArgument = (page: Page) =>
      page.locator('mg-paragraph').nth(2).locator('mg-comment').filter({ hasText: 'Wer einen Prompt schreibt' })
    await adaArgument(ada).waitFor()
    await ben.locator('mg-paragraph-marker button.toggle').nth(2).click()
    await ben.locator('mg-paragraph').nth(2).locator('mg-thread').waitFor()
    await leader.locator('mg-paragraph-marker button.toggle').nth(2).click()
    await adaArgument(leader).waitFor()
    expect(await adaArgument(ben).count()).toBe(0)

    // Reveal: everyone sees everything at once, live.
    await panel.getByRole('button', { name: 'Open' }).click()
    await panel.getByRole('button', { name: 'Reveal' }).click()
    await expect.poll(() => phaseOf(ben)).toContain('Phase: Open')
    await adaArgument(ben).waitFor()

    // Spotlight: the students' pages scroll to the paragraph and mark it.
    await Promise.all([ada.evaluate(() => window.scrollTo(0, 0)), ben.evaluate(() => window.scrollTo(0, 0))])
    await panel.getByLabel('Paragraph to spotlight').selectOption({ index: 7 })
    await panel.getByRole('button', { name: 'Spotlight', exact: true }).click()
    for (const student of [ada, ben]) {
      await student.locator('mg-paragraph[spotlit]').getByText('In the spotlight').waitFor()
      await expect.poll(() => inView(student, 7)).toBe(true)
    }

    // The projector view, on the room's screen.
    const projector = await h.page({ viewport: { width: 1920, height: 1080 } })
    await projector.context().addCookies(await leader.context().cookies())
    await projector.goto(`${h.url}/d/${slug}/projector`)
    await projector.locator('mg-projector .spotlight blockquote').waitFor()
    expect(await text(projector.locator('mg-projector .join'))).toContain(code.slice(0, 4))

    // A poll on the spotlighted paragraph: votes are counted, not shown, until it closes.
    await panel.getByRole('button', { name: 'Poll on Paragraph 8' }).click()
    await vote(ada, 'Contra')
    await vote(ben, 'Pro')
    expect(await axeViolations(ben)).toEqual([])
    await expect.poll(() => text(projector.locator('mg-projector .poll'))).toContain('2 votes so far')
    await panel.getByRole('button', { name: 'Close the poll' }).click()
    await expect.poll(() => text(ben.locator('mg-poll-card'))).toContain('Poll result')

    // The "after" round: Ben changes his mind and says why, without his name.
    await panel.getByRole('button', { name: 'Run again as after round' }).click()
    await expect.poll(() => text(ben.locator('mg-poll-card'))).toContain('second round')
    await vote(ada, 'Contra')
    await vote(ben, 'Contra')
    const reason = ben.locator('mg-poll-card form.reason')
    await reason.getByRole('textbox').fill('Der Prompt allein ist noch kein Werk.')
    await reason.getByRole('button', { name: 'Send reason' }).click()
    await ben.locator('mg-poll-card').getByText('your reason was sent').waitFor()
    await panel.getByRole('button', { name: 'Close the poll' }).click()

    const result = projector.locator('mg-projector .poll')
    await expect.poll(() => text(result)).toContain('Who changed their mind')
    expect(await text(result.locator('.moves'))).toBe('Pro → Contra : 1')
    expect(await text(result)).toContain('Kept their stance: 1')
    expect(await text(result.locator('.reasons'))).toContain('Der Prompt allein ist noch kein Werk.')
    expect(await text(result)).not.toContain('Ben')
    expect(await axeViolations(projector)).toEqual([])
    // The room's screen shows it all at once, without scrolling.
    await projector.screenshot({ path: outputPath('seminar-projector.png') })
    for (const part of ['.spotlight', '.join', '.strip', '.poll', '.queue']) {
      const box = (await projector.locator(`mg-projector ${part}`).boundingBox())!
      expect(box.y + box.height, part).toBeLessThanOrEqual(1080)
    }
    await expect.poll(() => text(ada.locator('mg-poll-card'))).toContain('1 person changed their mind.')
    await projector.screenshot({ path: outputPath('seminar-projector.png') })
    await ben.screenshot({ path: outputPath('seminar-phone.png') })
  })

  it('lets a student stop following the leader: the spotlight is marked but the page stays put', async () => {
    const leader = await h.page()
    const { code } = await startSeminar(leader, 'Seminar ohne Folgen')
    const panel = leader.locator('mg-leader-panel')
    const student = await h.page(PHONE)
    await joinAsGuest(student, code, 'Cleo')
    await student.locator('mg-seminar-bar').getByRole('checkbox', { name: 'Follow the leader' }).uncheck()
    await student.evaluate(() => window.scrollTo(0, 0))
    await panel.getByLabel('Paragraph to spotlight').selectOption({ index: 8 })
    await panel.getByRole('button', { name: 'Spotlight', exact: true }).click()
    await student.locator('mg-paragraph[spotlit]').getByText('In the spotlight').waitFor()
    expect(await inView(student, 8)).toBe(false)
    expect(await student.evaluate(() => window.scrollY)).toBe(0)
  })

  it("invites nobody to argue while reading, and counts a student's own argument in the private phase, after a reload too", async () => {
    const leader = await h.page()
    const { code } = await startSeminar(leader, 'Eigene Zählung')
    const panel = leader.locator('mg-leader-panel')
    const student = await h.page(PHONE)
    await joinAsGuest(student, code, 'Fritz')
    const marker = student.locator('mg-paragraph-marker').nth(3)
    const thread = student.locator('mg-paragraph').nth(3).locator('mg-thread')
    await marker.locator('button.toggle').click()
    await thread.getByText('Reading phase: read the essay first.').waitFor()
    expect(await text(thread)).not.toContain('Be the first')

    await panel.getByRole('button', { name: 'Private' }).click()
    await expect.poll(() => phaseOf(student)).toContain('Phase: Private')
    const composer = thread.locator('mg-composer.composer')
    await composer.getByRole('radio', { name: 'Pro' }).check()
    await composer.getByLabel('Your argument').fill('Nur ich sehe das, und ich zähle es.')
    await composer.getByRole('button', { name: 'Post argument' }).click()
    await thread.locator('mg-comment').first().waitFor()
    await expect.poll(() => marker.locator('.count').textContent()).toBe('1')
    expect(await text(thread.locator('p.count'))).toBe('1 argument')

    await student.reload()
    await marker.locator('button.toggle').click()
    await thread.locator('mg-comment').first().waitFor()
    expect(await marker.locator('.count').textContent()).toBe('1')
    expect(await text(thread.locator('p.count'))).toBe('1 argument')
  })

  it('lets a student on a phone raise and lower a hand from the folded bar, and invites nobody to argue once the seminar is closed', async () => {
    const leader = await h.page()
    const { code } = await startSeminar(leader, 'Melden vom Handy')
    const panel = leader.locator('mg-leader-panel')
    const gus = await h.page(PHONE)
    await joinAsGuest(gus, code, 'Gus')
    await panel.getByRole('button', { name: 'Private' }).click()
    await panel.getByRole('button', { name: 'Open' }).click()
    await panel.getByRole('button', { name: 'Reveal' }).click()
    await expect.poll(() => phaseOf(gus)).toContain('Phase: Open')
    await panel.getByLabel('Paragraph to spotlight').selectOption({ index: 4 })
    await panel.getByRole('button', { name: 'Spotlight', exact: true }).click()
    await gus.locator('mg-paragraph[spotlit]').getByText('In the spotlight').waitFor()

    // Folded, as a phone shows the bar: the hand is there without unfolding or scrolling it.
    const bar = gus.locator('mg-seminar-bar')
    expect(await bar.getByRole('button', { name: 'Show' }).getAttribute('aria-expanded')).toBe('false')
    const raise = bar.getByRole('button', { name: 'Raise hand' })
    await raise.waitFor()
    const seen = await gus.evaluate(() => {
      const host = document.querySelector('mg-app')!.shadowRoot!.querySelector('mg-seminar-bar')!
      const clip = host.shadowRoot!.querySelector('.bar')!.getBoundingClientRect()
      const button = [...host.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.trim() === 'Raise hand')!
      const box = button.getBoundingClientRect()
      return {
        inside: box.top >= clip.top && box.bottom <= clip.bottom && box.bottom <= window.innerHeight,
        height: host.getBoundingClientRect().height,
      }
    })
    expect(seen.inside).toBe(true)
    expect(seen.height).toBeLessThanOrEqual(PHONE.viewport.height / 3)
    await gus.screenshot({ path: outputPath('seminar-phone-hand.png') })
    await raise.click()
    const hands = panel.getByRole('list', { name: 'Raised hands in speaking order' }).locator('li')
    await expect
      .poll(() => hands.evaluateAll((items) => items.map((li) => li.textContent!.replace(/\s+/g, ' ').trim())))
      .toEqual([expect.stringMatching(/^Gus guest · Argument · Paragraph 5/)])
    await bar.getByRole('button', { name: 'Lower hand (number 1)' }).click()
    await expect.poll(() => hands.count()).toBe(0)
    await raise.waitFor()
    expect(await axeViolations(gus)).toEqual([])

    // Closed: nothing can be posted, so no empty thread invites the first argument.
    await panel.getByRole('button', { name: 'Closed' }).click()
    await panel.getByRole('button', { name: 'Close the seminar' }).click()
    await expect.poll(() => phaseOf(gus)).toContain('Phase: Closed')
    expect(await bar.getByRole('button', { name: 'Raise hand' }).count()).toBe(0)
    await gus.locator('mg-paragraph-marker button.toggle').nth(6).click()
    const thread = gus.locator('mg-paragraph').nth(6).locator('mg-thread')
    await thread.getByText('This seminar is closed').waitFor()
    await expect.poll(() => text(thread.locator('.status'))).toBe('No arguments yet.')
  })

  it('fits a phone in every phase: a short bar with the title, the poll answerable in it, the spotlight clear of it, no sideways scrolling', async () => {
    const leader = await h.page()
    const title = 'Klasse 9a, Handyrunde: Ist ein Video aus einem Prompt schon ein eigenes Werk?'
    const { code } = await startSeminar(leader, title)
    const panel = leader.locator('mg-leader-panel')
    const fay = await h.page(PHONE)
    await joinAsGuest(fay, code, 'Fay')
    const bar = fay.locator('mg-seminar-bar')
    expect(await bar.getByText(title).isVisible()).toBe(true)

    const fits = async (phase: string) => {
      const layout = await phoneLayout(fay)
      // Against the phone's own screen: a page too wide makes a mobile browser zoom out, and grow its viewport.
      expect(layout.barHeight, phase).toBeLessThanOrEqual(PHONE.viewport.height / 3)
      expect(layout.pageWidth, phase).toBeLessThanOrEqual(PHONE.viewport.width)
      return layout
    }
    await fits('reading')
    await panel.getByRole('button', { name: 'Private' }).click()
    await expect.poll(() => phaseOf(fay)).toContain('Phase: Private')
    await fits('private')
    await panel.getByRole('button', { name: 'Open' }).click()
    await panel.getByRole('button', { name: 'Reveal' }).click()
    await expect.poll(() => phaseOf(fay)).toContain('Phase: Open')
    await fits('open')

    await panel.getByLabel('Paragraph to spotlight').selectOption({ index: 7 })
    await panel.getByRole('button', { name: 'Spotlight', exact: true }).click()
    await fay.locator('mg-paragraph[spotlit]').getByText('In the spotlight').waitFor()
    await expect.poll(() => inView(fay, 7)).toBe(true)
    expect((await fits('spotlight')).spotCovered).toBe(false)

    // A poll opens: it is answered in the bar as it is, and the spotlight stays in view below it.
    await panel.getByRole('button', { name: 'Poll on Paragraph 8' }).click()
    await bar.locator('mg-poll-card').getByRole('group', { name: 'Your vote' }).waitFor()
    await expect.poll(async () => (await phoneLayout(fay)).spotCovered).toBe(false)
    const polling = await fits('poll open')
    expect(polling.buttons).toEqual([true, true, true])
    expect(polling.barScrolled).toBe(0)
    expect(await bar.getByText(title).isVisible()).toBe(true)
    await vote(fay, 'Pro')
    await fits('voted')
    await panel.getByRole('button', { name: 'Close the poll' }).click()
    await expect.poll(() => text(bar.locator('mg-poll-card'))).toContain('Poll result')
    await fits('poll closed')

    await panel.getByRole('button', { name: 'Run again as after round' }).click()
    await expect.poll(() => text(bar.locator('mg-poll-card'))).toContain('second round')
    const again = await fits('after round open')
    expect(again.buttons).toEqual([true, true, true])
    await vote(fay, 'Contra')
    await fits('reason asked')
    expect(await inBar(fay, 'form.reason')).toBe(true)
    await bar.locator('mg-poll-card form.reason').getByRole('textbox').fill('Das Beispiel im achten Absatz hat mich überzeugt.')
    await bar.locator('mg-poll-card form.reason').getByRole('button', { name: 'Send reason' }).click()
    await bar.locator('mg-poll-card').getByText('your reason was sent').waitFor()
    await panel.getByRole('button', { name: 'Close the poll' }).click()
    await expect.poll(() => text(bar.locator('mg-poll-card'))).toContain('1 person changed their mind.')
    await fits('after round closed')
    expect((await phoneLayout(fay)).spotCovered).toBe(false)
    // Unfolded, the rest of the seminar scrolls inside the bar, which still leaves the page its width.
    await bar.getByRole('button', { name: 'Show' }).click()
    await bar.locator('mg-speaker-queue').waitFor()
    await fits('after round closed, unfolded')
    await fay.screenshot({ path: outputPath('seminar-phone-after-round.png') })
  })

  it('gives the floor in order, point of order first, with a countdown everyone sees; the leader keeps the roster and the overview', async () => {
    const leader = await h.page()
    const { code } = await startSeminar(leader, 'Redeliste')
    const panel = leader.locator('mg-leader-panel')
    const [dora, emil] = [await h.page(PHONE), await h.page(PHONE)]
    await joinAsGuest(dora, code, 'Dora')
    await joinAsGuest(emil, code, 'Emil')
    await panel.getByRole('button', { name: 'Private' }).click()
    await panel.getByRole('button', { name: 'Open' }).click()
    await panel.getByRole('button', { name: 'Reveal' }).click()
    await expect.poll(() => phaseOf(emil)).toContain('Phase: Open')

    const raise = async (page: Page, paragraph: number, kind: string) => {
      // On a phone the seminar's bar starts folded to its top line.
      await page.locator('mg-seminar-bar').getByRole('button', { name: 'Show' }).click()
      const form = page.locator('mg-speaker-queue form')
      await form.getByLabel('Paragraph').selectOption({ index: paragraph - 1 })
      await form.getByLabel('I want to say').selectOption({ label: kind })
      await form.getByRole('button', { name: 'Raise hand' }).click()
      await page
        .locator('mg-speaker-queue')
        .getByText(/Your hand is raised/)
        .waitFor()
    }
    await raise(dora, 3, 'Argument')
    await raise(emil, 5, 'Point of order')
    const hands = panel.getByRole('list', { name: 'Raised hands in speaking order' }).locator('li')
    await expect
      .poll(() => hands.evaluateAll((items) => items.map((li) => li.textContent!.split('·')[0]!.trim())))
      .toEqual(['Emil guest', 'Dora guest'])

    await panel.getByLabel('Speaking time (seconds)').fill('90')
    await panel.getByRole('button', { name: 'Next speaker' }).click()
    for (const page of [dora, emil]) {
      const now = page.locator('mg-speaker-queue .now')
      await expect.poll(() => text(now)).toContain('Speaking now: Emil')
      await expect.poll(() => text(now.getByRole('timer'))).toMatch(/^1:[23]\d$/)
    }
    // The countdown runs on each device from the server's clock.
    const first = await text(dora.locator('mg-speaker-queue [role=timer]'))
    await expect.poll(() => text(dora.locator('mg-speaker-queue [role=timer]')), { timeout: 5_000 }).not.toBe(first)

    // The overview: who has taken part, and which side each paragraph still lacks.
    await emil.locator('mg-paragraph-marker button.toggle').nth(4).click()
    const composer = emil.locator('mg-paragraph').nth(4).locator('mg-thread mg-composer.composer')
    await composer.getByRole('radio', { name: 'Pro' }).check()
    await composer.getByLabel('Your argument').fill('Auch ein Prompt verlangt Urteilskraft.')
    await composer.getByRole('button', { name: 'Post argument' }).click()
    await emil.locator('mg-paragraph').nth(4).locator('mg-comment').first().waitFor()
    await panel.locator('summary', { hasText: 'Overview' }).click()
    const overview = panel.locator('mg-seminar-overview')
    await expect.poll(() => text(overview)).toContain('1 of 2 have posted')
    expect(await text(overview)).toContain('No contra argument on paragraph 5 yet')
    expect(await text(overview)).toContain('Nothing posted yet: Dora')

    // The roster: the leader renames a guest, and everyone sees the new name.
    await panel.locator('summary', { hasText: 'Roster' }).click()
    const roster = panel.locator('mg-roster')
    await roster.getByRole('button', { name: 'Rename Emil' }).click()
    await roster.getByLabel('New name for Emil').fill('Emil K.')
    await roster.getByRole('button', { name: 'Save' }).click()
    await roster.getByText('Emil K.').first().waitFor()
    expect(await axeViolations(leader)).toEqual([])
    await dora.reload()
    await dora.locator('mg-paragraph-marker button.toggle').nth(4).click()
    await dora.locator('mg-paragraph').nth(4).locator('mg-comment').getByText('Emil K.').first().waitFor()
  })
  it("ends the floor in the participants' pages when the leader closes the seminar: no speaker, no timer, no raised hand", async () => {
    const leader = await h.page()
    const { code } = await startSeminar(leader, 'Schlussrunde')
    const panel = leader.locator('mg-leader-panel')
    const [gina, hugo] = [await h.page(PHONE), await h.page(PHONE)]
    await joinAsGuest(gina, code, 'Gina')
    await joinAsGuest(hugo, code, 'Hugo')
    await panel.getByRole('button', { name: 'Private' }).click()
    await panel.getByRole('button', { name: 'Open' }).click()
    await panel.getByRole('button', { name: 'Reveal' }).click()
    await expect.poll(() => phaseOf(hugo)).toContain('Phase: Open')
    for (const page of [gina, hugo]) {
      await page.locator('mg-seminar-bar').getByRole('button', { name: 'Show' }).click()
      const form = page.locator('mg-speaker-queue form')
      await form.getByLabel('Paragraph').selectOption({ index: 1 })
      await form.getByRole('button', { name: 'Raise hand' }).click()
      await page
        .locator('mg-speaker-queue')
        .getByText(/Your hand is raised/)
        .waitFor()
    }
    // Gina has the floor and her time runs out; Hugo waits with his hand raised.
    await panel.getByLabel('Speaking time (seconds)').fill('10')
    await panel.getByRole('button', { name: 'Next speaker' }).click()
    await expect.poll(() => text(gina.locator('mg-speaker-queue .now')), { timeout: 20_000 }).toContain('Time is up')
    await expect.poll(() => text(hugo.locator('mg-speaker-queue'))).toContain('Your hand is raised')

    await panel.getByRole('button', { name: 'Closed' }).click()
    await panel.getByRole('button', { name: 'Close the seminar' }).click()
    for (const page of [gina, hugo]) {
      await expect.poll(() => phaseOf(page)).toContain('Phase: Closed')
      const bar = page.locator('mg-seminar-bar')
      await expect.poll(() => text(bar)).not.toMatch(/Speaking now|Time is up|hand is raised/)
      if (await bar.getByRole('button', { name: 'Show' }).count()) await bar.getByRole('button', { name: 'Show' }).click()
      expect(await text(bar)).not.toMatch(/Speaking now|Time is up|hand is raised|Raise hand/)
      expect(await page.locator('mg-speaker-queue [role=timer]').count()).toBe(0)
    }
    // After a reload too.
    await hugo.reload()
    await expect.poll(() => phaseOf(hugo)).toContain('Phase: Closed')
    expect(await text(hugo.locator('mg-seminar-bar'))).not.toMatch(/Speaking now|Time is up|hand is raised/)
  })
  it("warns a guest before signing out, in the page's own dialog, and then shows how to come back with the code", async () => {
    const leader = await h.page()
    const { slug, code } = await startSeminar(leader, 'Gast geht')
    const guest = await h.page(PHONE)
    const native: string[] = []
    guest.on('dialog', (d) => {
      native.push(d.message())
      void d.dismiss()
    })
    await joinAsGuest(guest, code, 'Ida')
    const header = guest.locator('mg-app header')
    const dialog = guest.locator('mg-leave-dialog dialog')
    // On a phone the account's controls are in the header's menu.
    const signOut = async () => {
      const menu = header.locator('button.menu-toggle')
      if ((await menu.getAttribute('aria-expanded')) !== 'true') await menu.click()
      await header.getByRole('button', { name: 'Sign out' }).click()
    }

    // Staying: nothing happens.
    await signOut()
    await dialog.getByRole('heading', { name: 'Sign out of the seminar?' }).waitFor()
    expect(await text(dialog)).toContain('you cannot come back into this account')
    expect(await axeViolations(guest)).toEqual([])
    await dialog.getByRole('button', { name: 'Stay signed in' }).click()
    await dialog.waitFor({ state: 'hidden' })
    expect(await text(guest.locator('mg-app .user'))).toContain('Ida')
    expect(guest.url()).toBe(`${h.url}/d/${slug}`)

    // Signing out: the join page says how to come back, rather than a page that never loads.
    await signOut()
    await dialog.getByRole('button', { name: 'Sign out' }).click()
    await guest.waitForURL(`${h.url}/join/${code}?left`)
    const join = guest.locator('mg-join')
    await join.getByText('You have signed out.').waitFor()
    expect(await text(join)).toContain('join below with the seminar’s code, as a new guest')
    expect(await text(guest.locator('mg-app'))).not.toMatch(/Connecting…|could not be loaded/)
    expect(await axeViolations(guest)).toEqual([])
    expect(native).toEqual([])

    // And back in, as a new guest.
    await join.locator('form').getByLabel('Your name').fill('Ida 2')
    await join.locator('form').getByRole('button', { name: 'Join the seminar' }).click()
    await guest.waitForURL(`${h.url}/d/${slug}`)
    await guest.locator('mg-seminar-bar').getByText('Phase: Reading').waitFor()
  })
})
