import { html } from 'lit'
import { describe, expect, it } from 'vitest'
import '../../client/components/mg-live-status/mg-live-status.ts'
import type { MgLiveStatus } from '../../client/components/mg-live-status/mg-live-status.ts'
import { MgDismissAwayEvent } from '../../client/events/dismiss-away.ts'
import { pageHandlers } from '../../client/handlers/page.ts'
import { Api } from '../../client/services/api.ts'
import { setAway } from '../../client/state/live.ts'
import { initialState } from '../../client/state/store.ts'
import { answer, testContext } from './handlers.ts'
import { fixture, settle, textOf } from './helpers.ts'

describe('mg-live-status', () => {
  it('says how many read along while live, and plainly when the connection is lost', async () => {
    const el = await fixture<MgLiveStatus>(html`<mg-live-status connection="online" .online=${3}></mg-live-status>`)
    expect(textOf(el)).toBe('Live · 3 online')
    el.connection = 'offline'
    await settle(el)
    expect(textOf(el)).toBe('Offline, reconnecting…')
  })

  it('leaves the "while you were away" summary to the page, which forgets it once dismissed', async () => {
    const context = testContext(new Api({ clientId: 'tab' }), setAway(initialState(), { 'p-3': { arguments: 2, replies: 1 } }))
    const el = await fixture<MgLiveStatus>(html`<mg-live-status connection="online"></mg-live-status>`)
    expect(textOf(el)).not.toContain('away')
    answer(el, pageHandlers, context)
    el.dispatchEvent(new MgDismissAwayEvent())
    expect(context.store.state.live.away).toBeNull()
  })
})
