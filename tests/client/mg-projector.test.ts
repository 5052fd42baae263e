import jsQR from 'jsqr'
import { html } from 'lit'
import { afterEach, describe, expect, it, vi } from 'vitest'
import '../../client/views/leader/mg-projector/mg-projector.ts'
import { moves, type MgProjector } from '../../client/views/leader/mg-projector/mg-projector.ts'
import type { Poll, QueueEntry, Room } from '../../client/services/types.ts'
import { deepQuery, deepQueryAll, fixture, settle, textOf } from './helpers.ts'
import { blocks, room, SLUG } from './leader-support.ts'

const counts = { 'p-1': { pro: 3, contra: 1 }, 'p-2': { pro: 0, contra: 2 }, 'p-3': { pro: 1, contra: 1 } }

async function projector(r: Room) {
  return fixture<MgProjector>(html`<mg-projector debate=${SLUG} essayTitle="Sora" .room=${r} .blocks=${blocks(3, counts)}></mg-projector>`)
}

const after: Poll = {
  id: 8,
  anchor: 'p-2',
  before: 7,
  status: 'closed',
  votes: 5,
  openedAt: '2026-01-01T10:10:00.000Z',
  closedAt: '2026-01-01T10:15:00.000Z',
  results: { pro: 2, contra: 2, undecided: 1 },
  shift: {
    pro: { pro: 1, contra: 2, undecided: 0 },
    contra: { pro: 0, contra: 0, undecided: 1 },
    undecided: { pro: 1, contra: 0, undecided: 0 },
  },
  reasons: [{ from: 'pro', to: 'contra', reason: 'Absatz 2 übersieht die Arbeit der Filmteams.' }],
}

/** Draws the QR code's SVG rectangles onto a white ImageData-like array, `scale` pixels per module. */
function rasterize(svg: SVGSVGElement, scale = 4) {
  const size = Number(svg.getAttribute('viewBox')!.split(' ')[2])
  const width = size * scale
  const data = new Uint8ClampedArray(width * width * 4).fill(255)
  for (const rect of Array.from(svg.querySelectorAll('rect'))) {
    if (rect.getAttribute('fill') !== '#000') continue
    const [x, y, w, h] = ['x', 'y', 'width', 'height'].map((a) => Number(rect.getAttribute(a)) * scale) as [number, number, number, number]
    for (let py = y; py < y + h; py++)
      for (let px = x; px < x + w; px++) {
        const i = (py * width + px) * 4
        data[i] = data[i + 1] = data[i + 2] = 0
      }
  }
  return { data, width, height: width }
}

afterEach(() => {
  vi.useRealTimers()
})

describe('mg-projector', () => {
  it('shows the spotlighted paragraph in full', async () => {
    const el = await projector(room({ spotlight: 'p-2' }))
    const spot = deepQuery(el, '.spotlight')
    expect(textOf(spot)).toBe('Paragraph 2 Text of paragraph 2, long enough to be cut short in a chooser.')
    el.room = room({ spotlight: null })
    await settle(el)
    expect(textOf(deepQuery(el, '.spotlight'))).toContain('No paragraph is in the spotlight.')
  })

  it('holds the balance of arguments back while reading and writing privately, and shows it once open', async () => {
    for (const phase of ['reading', 'private'] as const) {
      const el = await projector(room({ phase, spotlight: 'p-1' }))
      expect(deepQueryAll(el, '.strip li')).toHaveLength(0)
      expect(textOf(deepQuery(el, '.strip'))).toContain('shown once the arguments are revealed')
    }
    const el = await projector(room({ phase: 'open', spotlight: 'p-1' }))
    const cells = deepQueryAll(el, '.strip li')
    expect(cells.map((c) => c.getAttribute('aria-label'))).toEqual([
      'Paragraph 1: 3 pro, 1 contra',
      'Paragraph 2: 0 pro, 2 contra',
      'Paragraph 3: 1 pro, 1 contra, contested',
    ])
    expect(cells[0]!.classList.contains('current')).toBe(true)
    // Three to one, or one side alone, is a clear balance; one to one is where the room is divided.
    expect(cells.map((c) => c.classList.contains('contested'))).toEqual([false, false, true])
    const proBar = cells[0]!.querySelector('rect.pro')!
    expect(Number(proBar.getAttribute('width'))).toBe(75)
  })

  it("shows an open poll's vote count, then the result with who changed their mind and why", async () => {
    const open: Poll = { id: 8, anchor: 'p-2', before: 7, status: 'open', votes: 4, openedAt: after.openedAt, closedAt: null }
    const el = await projector(room({ phase: 'open', poll: open }))
    expect(textOf(deepQuery(el, '.poll'))).toBe('Vote again: Paragraph 2 4 votes so far')

    el.room = room({ phase: 'open', poll: after })
    await settle(el)
    const poll = deepQuery(el, '.poll')
    expect(textOf(poll)).toContain('Before and after: Paragraph 2')
    expect(Array.from(poll.querySelectorAll('.results .count')).map((c) => c.textContent)).toEqual(['2', '2', '1'])
    expect(Array.from(poll.querySelectorAll('.moves li')).map((li) => textOf(li))).toEqual([
      'Pro → Contra: 2',
      'Contra → Undecided: 1',
      'Undecided → Pro: 1',
    ])
    expect(textOf(poll)).toContain('Kept their stance: 1')
    expect(textOf(deepQuery(poll, '.reasons'))).toBe('Absatz 2 übersieht die Arbeit der Filmteams. (Pro → Contra)')
    expect(moves({ ...after, shift: undefined })).toEqual([])
  })

  it('shows the speaker with the timer and the queue, by pseudonym in an anonymous seminar', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2026-01-01T10:00:00.000Z'))
    const entry = (id: number, name: string, pseudonym: string, kind: QueueEntry['kind']): QueueEntry => ({
      id,
      user: { id, name, pseudonym },
      anchor: 'p-1',
      kind,
      raisedAt: '2026-01-01T09:59:00.000Z',
    })
    const r = room({
      anonymous: true,
      speaker: entry(1, 'Lena', 'Amber Fox', 'argument'),
      queue: [entry(2, 'Jonas', 'Quiet Owl', 'order'), entry(3, 'Mia', 'Brave Lynx', 'question')],
      timer: { startedAt: '2026-01-01T09:59:30.000Z', endsAt: '2026-01-01T10:01:30.000Z', seconds: 120 },
    })
    const el = await projector(r)
    const queue = deepQuery(el, '.queue')
    expect(deepQuery(queue, '.speaker').textContent).toBe('Amber Fox')
    expect(deepQuery(queue, '[role="timer"]').textContent).toBe('1:30')
    expect(Array.from(queue.querySelectorAll('.waiting li')).map((li) => textOf(li))).toEqual([
      'Quiet Owl · Point of order',
      'Brave Lynx · Question',
    ])
    expect(textOf(el)).not.toContain('Lena')

    el.room = { ...r, anonymous: false }
    await settle(el)
    expect(deepQuery(el, '.queue .speaker').textContent).toBe('Lena')
  })

  it('shows the join code grouped and a QR code that decodes to the join link', async () => {
    const el = await projector(room({ joinCode: { joinCode: 'XK7M2PQR', expiresAt: '2030-01-01T12:00:00.000Z' } }))
    expect(deepQuery(el, '.join .code').textContent).toBe('XK7M-2PQR')
    const link = new URL('/join/XK7M2PQR', location.href).href
    const image = rasterize(deepQuery<SVGSVGElement>(deepQuery(el, 'mg-qr-code'), 'svg'))
    expect(jsQR(image.data, image.width, image.height)?.data).toBe(link)

    el.room = room({ joinCode: { joinCode: null, expiresAt: null } })
    await settle(el)
    expect(deepQueryAll(el, 'mg-qr-code')).toHaveLength(0)
    expect(textOf(deepQuery(el, '.join'))).toBe('Joining is closed.')
  })
})
