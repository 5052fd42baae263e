import { html } from 'lit'
import { afterEach, describe, expect, it } from 'vitest'
import '../../client/views/moderator/mg-mod-log/mg-mod-log.ts'
import type { MgModLog } from '../../client/views/moderator/mg-mod-log/mg-mod-log.ts'
import type { MgLoadLogEvent } from '../../client/events/load-log.ts'
import type { LogEntry } from '../../client/services/types.ts'
import { deepQuery, deepQueryAll, fixture, flush } from './helpers.ts'

const asked: string[] = []
const entry: LogEntry = {
  id: 1,
  actor: { id: 2, username: 'mod' },
  action: 'hide',
  target: { type: 'comment', id: '40' },
  reason: 'Beleidigend.',
  at: '2025-10-01T12:00:00.000Z',
}
const onLoad = (e: MgLoadLogEvent) => {
  asked.push(e.action)
  e.respondWith(Promise.resolve(e.action === 'ban' ? [] : [entry]))
}
document.addEventListener('mg-load-log', onLoad)
afterEach(() => {
  asked.length = 0
})

describe('mg-mod-log', () => {
  it('lists the entries, filters by action, and keeps the filter in the CSV link', async () => {
    const el = await fixture<MgModLog>(html`<mg-mod-log debate="sora"></mg-mod-log>`)
    await flush(el)
    expect(asked).toEqual([''])
    expect(deepQueryAll(el, 'tbody tr').map((r) => r.textContent?.replace(/\s+/g, ' ').trim())).toEqual([
      expect.stringContaining('mod Hidden Comment 40 Beleidigend.'),
    ])
    const select = deepQuery<HTMLSelectElement>(el, 'select')
    select.value = 'ban'
    select.dispatchEvent(new Event('change', { bubbles: true }))
    await flush(el)
    expect(asked).toEqual(['', 'ban'])
    expect(deepQueryAll(el, 'tbody tr')).toHaveLength(0)
    expect(deepQuery(el, 'a[download]').getAttribute('href')).toBe('/api/debates/sora/moderation/log?format=csv&action=ban')
  })
})
