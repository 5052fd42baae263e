/**
 * The interface language: German or English, chosen from the browser's languages on the
 * first visit, switchable, and remembered in localStorage. It sets `<html lang>` for the
 * interface; the essay's own text always carries `lang="de"` where it is rendered.
 */
import { configureLocalization } from '@lit/localize'
import { allLocales, sourceLocale, targetLocales } from '../locales/locale-codes.ts'

export type Locale = (typeof allLocales)[number]

const STORAGE_KEY = 'mg:locale'

/** The stored choice if it is still offered, else the first offered browser language, else English. */
export function pickLocale(stored: string | null, languages: readonly string[]): Locale {
  const offered = (code: string | null | undefined): Locale | undefined =>
    allLocales.find((l) => l === code?.toLowerCase().split('-')[0])
  return offered(stored) ?? languages.map(offered).find((l) => l !== undefined) ?? sourceLocale
}

export interface Localization {
  readonly locale: Locale
  /** Switches the interface language and remembers it. */
  set(locale: Locale): Promise<void>
}

/** Configures lit-localize once for the page and applies the reader's language. */
export async function startLocalization(): Promise<Localization> {
  const { getLocale, setLocale } = configureLocalization({
    sourceLocale,
    targetLocales,
    loadLocale: () => import('../locales/de.ts'),
  })
  const apply = async (locale: Locale) => {
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
