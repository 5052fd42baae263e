/**
 * The interface language: German or English, chosen from the browser's languages on the
 * first visit, switchable, and remembered in localStorage. It sets `<html lang>` for the
 * interface; the essay's own text always carries `lang="de"` where it is rendered.
 *
 * The messages come in parts: the reader's page has its own, and each lazy view (the
 * moderators' tools, the seminar's participant and leader views) brings the messages only it
 * uses in its own chunk, so that readers never download them. lit-localize holds one set of
 * templates for the active language; a view's messages are merged into that set when the view
 * loads, and every part registered so far is loaded again when the language changes.
 */
import { configureLocalization, LOCALE_STATUS_EVENT, type LocaleModule, type TemplateMap } from '@lit/localize'
import { allLocales, sourceLocale, targetLocales } from '../locales/locale-codes.ts'

export type Locale = (typeof allLocales)[number]
/** A language that needs messages; English, the source, needs none. */
export type TargetLocale = (typeof targetLocales)[number]
/** Loads one part's messages for a language. */
export type MessagesLoader = (locale: TargetLocale) => Promise<LocaleModule>

/** The reader's messages first, then each lazy view's, in the order the views registered them. */
const loaders: MessagesLoader[] = [() => import('../locales/de.ts')]

/** The templates of a language being loaded or shown, and the parts merged into them. */
interface Messages {
  readonly locale: TargetLocale
  readonly templates: TemplateMap
  readonly merged: Set<MessagesLoader>
  /** Every part asked for when the language was chosen has loaded; lit-localize renders with them. */
  shown: boolean
}

/** The messages lit-localize renders with; none while English is chosen. */
let active: Messages | undefined

const STORAGE_KEY = 'mg:locale'

/** The stored choice if it is still offered, else the first offered browser language, else English. */
export function pickLocale(stored: string | null, languages: readonly string[]): Locale {
  const offered = (code: string | null | undefined): Locale | undefined => allLocales.find((l) => l === code?.toLowerCase().split('-')[0])
  return offered(stored) ?? languages.map(offered).find((l) => l !== undefined) ?? sourceLocale
}

export interface Localization {
  readonly locale: Locale
  /** Switches the interface language and remembers it. */
  set(locale: Locale): Promise<void>
}

/** Configures lit-localize once for the page and applies the reader's language. */
export async function startLocalization(): Promise<Localization> {
  // Elements render the new messages right after lit-localize announces them; the dates they
  // format take their language from <html lang>, which must have changed by then.
  window.addEventListener(LOCALE_STATUS_EVENT, ({ detail }) => {
    if (detail.status === 'ready') document.documentElement.lang = detail.readyLocale
  })
  const { getLocale, setLocale } = configureLocalization({
    sourceLocale,
    targetLocales,
    loadLocale: (locale) => loadMessages(locale as TargetLocale),
  })
  const apply = async (locale: Locale) => {
    // lit-localize asks for no messages when switching to the source language.
    if (locale === sourceLocale) active = undefined
    await setLocale(locale)
    document.documentElement.lang = locale
  }
  await apply(pickLocale(readStored(), navigator.languages ?? [navigator.language]))
  return {
    get locale() {
      return getLocale() as Locale
    },
    async set(locale: Locale) {
      try {
        localStorage.setItem(STORAGE_KEY, locale)
      } catch {
        // Without storage the choice lasts for this page only.
      }
      await apply(locale)
    },
  }
}

/** Builds the one set of templates for a language from every part registered so far. */
async function loadMessages(locale: TargetLocale): Promise<LocaleModule> {
  const messages: Messages = { locale, templates: {}, merged: new Set(), shown: false }
  active = messages
  await Promise.all(loaders.map((load) => merge(messages, load)))
  messages.shown = true
  return { templates: messages.templates }
}

async function merge(messages: Messages, load: MessagesLoader): Promise<void> {
  if (messages.merged.has(load)) return
  messages.merged.add(load)
  try {
    Object.assign(messages.templates, (await load(messages.locale)).templates)
  } catch (error) {
    messages.merged.delete(load)
    throw error
  }
}

/**
 * Registers a lazy view's messages. A view's chunk awaits this before it defines its
 * elements: when a language other than English is loading or shown, the view's messages are
 * merged into the templates lit-localize already holds, and a later language switch loads
 * them with the rest.
 */
export async function addMessages(load: MessagesLoader): Promise<void> {
  loaders.push(load)
  const messages = active
  if (!messages) return
  await merge(messages, load)
  // Elements that rendered before these messages arrived (modules beside the one that awaits
  // this are not held back by it) render again. While the language is still loading,
  // lit-localize announces it itself once it is ready.
  if (messages === active && messages.shown) {
    window.dispatchEvent(new CustomEvent(LOCALE_STATUS_EVENT, { detail: { status: 'ready', readyLocale: messages.locale } }))
  }
}

function readStored(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY)
  } catch {
    return null
  }
}

/** The interface language for Intl formatting, as set on `<html lang>`. */
export function uiLocale(): string {
  return globalThis.document?.documentElement.lang || sourceLocale
}
