/**
 * The client's size budget, shared by the build (which prints it) and `npm run bench`
 * (which records it): the gzipped JavaScript a reader downloads. Views only moderators open
 * are their own lazy chunk, counted apart, so that moderation never weighs on readers.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'

export const READER_BUDGET_KB = 60
const MODERATOR_ONLY = /^moderator-views-/

export interface BundleSize {
  /** What a reader may download: the page, lit-localize and the German messages. */
  readerKb: number
  readerFiles: string[]
  /** The lazy chunk loaded only by moderators. */
  moderatorKb: number
  totalKb: number
}

export function bundleSize(assetsDir: string): BundleSize {
  const files = readdirSync(assetsDir).filter((f) => f.endsWith('.js'))
  if (files.length === 0) throw new Error(`${assetsDir} has no JavaScript: run \`npm run build:client\` first`)
  const gz = (f: string) => gzipSync(readFileSync(join(assetsDir, f)), { level: 9 }).length
  const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10
  const readerFiles = files.filter((f) => !MODERATOR_ONLY.test(f))
  const reader = readerFiles.reduce((sum, f) => sum + gz(f), 0)
  const moderator = files.filter((f) => MODERATOR_ONLY.test(f)).reduce((sum, f) => sum + gz(f), 0)
  return { readerKb: kb(reader), readerFiles, moderatorKb: kb(moderator), totalKb: kb(reader + moderator) }
}
