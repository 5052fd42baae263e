/**
 * The default content of a fresh install: the Sora essay and its public debate `sora`.
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { isUniqueViolation } from '../db/client.ts'
import type { Repositories } from './repositories/index.ts'

export const DEFAULT_ESSAY_FILE = fileURLToPath(new URL('../essays/sora-spektakel.md', import.meta.url))
export const DEFAULT_ESSAY = 'sora-spektakel'
export const DEFAULT_DEBATE = 'sora'

/**
 * Imports the default essay and opens its debate, when the database has no debate yet. App
 * servers starting together on a fresh database may both try: the one that comes second finds
 * the essay or the debate there and leaves it.
 */
export async function seedDefaultDebate(repos: Repositories): Promise<boolean> {
  if ((await repos.debates.list(null)).length > 0 || (await repos.debates.bySlug(DEFAULT_DEBATE))) return false
  try {
    const { essay } = await repos.essays.import(readFileSync(DEFAULT_ESSAY_FILE, 'utf8'), DEFAULT_ESSAY, 'markdown')
    await repos.debates.create({ slug: DEFAULT_DEBATE, title: essay.title, essayId: essay.id })
  } catch (err) {
    if (isUniqueViolation(err)) return false
    throw err
  }
  return true
}
