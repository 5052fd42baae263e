import { html } from 'lit'
import { describe, expect, it } from 'vitest'
import '../../client/components/mg-live-status/mg-live-status.ts'
import type { MgLiveStatus } from '../../client/components/mg-live-status/mg-live-status.ts'
import { pageHandlers } from '../../client/handlers/page.ts'
import { Api } from '../../client/services/api.ts'
import { setAway } from '../../client/state/live.ts'
import { initialState } from '../../client/state/store.ts'
import { answer, testContext } from './handlers.ts'
import { deepQueryAll, fixture, settle, textOf } from './helpers.ts'

describe('mg-live-status', () => {
  it('sums up what happened while the reader was away, until the reader dismisses it', async () => {
    const away = { 'p-3': { pro: 2, contra: 1 } }
    const context = testContext(new Api({ clientId: 'tab' }), setAway(initialState(), away))
    const el = await fixture<MgLiveStatus>(
      html`<mg-live-status connection="online" .away=${context.store.state.live.away} .numberOf=${() => 3}></mg-live-status>`,
    )
    answer(el, pageHandlers, context)
    expect(textOf(el)).toContain('Paragraph 3: 2 new pro, 1 new contra.')
    deepQueryAll<HTMLButtonElement>(el, 'button')
      .find((b) => b.textContent?.trim() === 'Dismiss')!
      .click()
    expect(context.store.state.live.away).toBeNull()
    el.away = context.store.state.live.away
    await settle(el)
    expect(textOf(el)).not.toContain('While you were away')
  })
})
