import { html } from 'lit'
import { describe, expect, it } from 'vitest'
import '../../client/views/leader/mg-seminar-overview/mg-seminar-overview.ts'
import { missingSides, missingSideText, type MgSeminarOverview } from '../../client/views/leader/mg-seminar-overview/mg-seminar-overview.ts'
import type { Overview, OverviewParagraph } from '../../client/services/types.ts'
import { deepQuery, fixture, flush, textOf } from './helpers.ts'
import { blocks, fakeServer, SLUG } from './leader-support.ts'

function paragraph(anchor: string, pro: number, contra: number, neutral = 0): OverviewParagraph {
  return { anchor, pro, contra, neutral, positions: { pro: 0, contra: 0, undecided: 0 } }
}

/** A member's participation with this many arguments and replies, nothing else. */
function counted(args: number, replies: number) {
  return { arguments: args, replies, votesGiven: 0, votesReceived: 0, pollVotes: 0, speakingTurns: 0 }
}

const overview: Overview = {
  members: [
    { user: { id: 1, name: 'Frau Weber' }, role: 'owner', guest: false, positions: 0, comments: 0, participation: counted(0, 0) },
    {
      user: { id: 2, name: 'Lena', pseudonym: 'Amber Fox' },
      role: 'participant',
      guest: true,
      positions: 9,
      comments: 2,
      participation: counted(1, 1),
      online: true,
    },
    {
      user: { id: 3, name: 'Jonas', pseudonym: 'Quiet Owl' },
      role: 'participant',
      guest: true,
      positions: 3,
      comments: 0,
      participation: counted(0, 0),
    },
    {
      user: { id: 4, name: 'Mia', pseudonym: 'Brave Lynx' },
      role: 'participant',
      guest: false,
      positions: 0,
      comments: 0,
      participation: counted(0, 0),
    },
  ],
  paragraphs: [paragraph('p-1', 2, 1), paragraph('p-2', 3, 0), paragraph('p-3', 0, 1, 2), paragraph('p-9', 0, 0)],
}

describe('missingSides', () => {
  it('names each paragraph where a side has no argument yet, by its number', () => {
    const hints = missingSides(overview.paragraphs, blocks(9))
    expect(hints.map((h) => [h.n, h.missing])).toEqual([
      [2, 'contra'],
      [3, 'pro'],
      [9, 'both'],
    ])
    expect(hints.map(missingSideText)).toEqual([
      'No contra argument on paragraph 2 yet',
      'No pro argument on paragraph 3 yet',
      'No arguments on paragraph 9 yet',
    ])
  })

  it('has no hint when every paragraph has both sides', () => {
    expect(missingSides([paragraph('p-1', 1, 1), paragraph('p-2', 4, 2)], blocks(2))).toEqual([])
  })
})

describe('mg-seminar-overview', () => {
  async function render(throttleMs: number) {
    const server = fakeServer(() => ({ body: overview }))
    const el = await fixture<MgSeminarOverview>(
      html`<mg-seminar-overview .blocks=${blocks(9)} .members=${4} .throttleMs=${throttleMs}></mg-seminar-overview>`,
    )
    await flush(el)
    return { el, requests: server.requests }
  }

  it('shows who has not taken a position or posted yet, and the missing sides', async () => {
    const { el, requests } = await render(0)
    expect(requests).toEqual([{ method: 'GET', path: `/api/debates/${SLUG}/overview`, body: undefined }])
    const text = textOf(el)
    expect(text).toContain('2 of 3 have taken a position; 1 of 3 have posted.')
    expect(text).toContain('No position yet: Mia (Brave Lynx)')
    expect(text).toContain('Nothing posted yet: Jonas (Quiet Owl), Mia (Brave Lynx)')
    // Each member's row counts their arguments and replies as the record does.
    const lena = Array.from(deepQuery(el, 'table').querySelectorAll('tbody tr')).find((tr) => tr.textContent?.includes('Lena'))!
    expect(Array.from(lena.querySelectorAll('td')).map((td) => td.textContent?.trim())).toEqual(['9', '1', '1'])
    expect(Array.from(deepQuery(el, '.hints').querySelectorAll('li')).map((li) => li.textContent)).toEqual([
      'No contra argument on paragraph 2 yet',
      'No pro argument on paragraph 3 yet',
      'No arguments on paragraph 9 yet',
    ])
  })

  it('reloads when someone joins or the tallies change, at most once per interval', async () => {
    const { el, requests } = await render(0)
    el.members = 5
    await flush(el)
    expect(requests).toHaveLength(2)
    el.blocks = blocks(9)
    await flush(el)
    expect(requests).toHaveLength(3)

    const slow = await render(60_000)
    slow.el.members = 5
    slow.el.blocks = blocks(9)
    await flush(slow.el)
    expect(slow.requests).toHaveLength(1)
  })
})
