import { LOCALE_STATUS_EVENT, msg } from '@lit/localize'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { addMessages, startLocalization, type Localization } from '../../client/services/locale.ts'

// lit-localize is configured once per page, so these tests share one page's localization;
// each sets the language it starts from.
let localization: Localization
beforeAll(async () => {
  localStorage.clear()
  localization = await startLocalization()
})

describe('the messages of lazy views', () => {
  it('are fetched only for German, and shown once the reader switches to German', async () => {
    await localization.set('en')
    const load = vi.fn(() => import('../../client/locales/seminar/de.ts'))
    await addMessages(load)
    expect(load).not.toHaveBeenCalled()
    expect(msg('Your name')).toBe('Your name')

    await localization.set('de')
    expect(load).toHaveBeenCalledWith('de')
    expect(msg('Your name')).toBe('Dein Name')
    expect(msg('Sign out')).toBe('Abmelden')
  })

  it('are shown in German when their view loads while German is already shown', async () => {
    await localization.set('de')
    // The leaders' messages are not among the reader's.
    expect(msg('The spotlight is off.')).toBe('The spotlight is off.')
    const announced = vi.fn()
    window.addEventListener(LOCALE_STATUS_EVENT, announced)

    await addMessages(() => import('../../client/locales/leader/de.ts'))
    window.removeEventListener(LOCALE_STATUS_EVENT, announced)
    expect(msg('The spotlight is off.')).toBe('Das Spotlight ist aus.')
    expect(msg('Sign out')).toBe('Abmelden')
    // Elements already on the page render again with them.
    expect(announced).toHaveBeenCalledWith(expect.objectContaining({ detail: { status: 'ready', readyLocale: 'de' } }))
  })

  it('come back with the language after a switch to English and back', async () => {
    await localization.set('de')
    await addMessages(() => import('../../client/locales/moderator/de.ts'))
    expect(msg('Awaiting approval')).toBe('Wartet auf Freigabe')

    await localization.set('en')
    expect(msg('Awaiting approval')).toBe('Awaiting approval')
    expect(document.documentElement.lang).toBe('en')

    await localization.set('de')
    expect(msg('Awaiting approval')).toBe('Wartet auf Freigabe')
    expect(msg('Your name')).toBe('Dein Name')
    expect(msg('The spotlight is off.')).toBe('Das Spotlight ist aus.')
  })
})
