/**
 * `npm run essay -- import <file> [--slug <slug>] [--debate <slug>]`: imports or re-imports
 * an essay (Markdown, or plain text with one block per line). With --debate, also opens a
 * public debate on it when none has that slug.
 */
import { readFileSync } from 'node:fs'
import { basename, extname } from 'node:path'
import { parseArgs } from 'node:util'
import { openDatabase } from '../../db/client.ts'
import { loadConfig } from '../config.ts'
import { EssayParseError } from '../essays/parse.ts'
import { createRepositories } from '../repositories/index.ts'

const USAGE = 'usage: npm run essay -- import <file> [--slug <slug>] [--debate <debate-slug>]'

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { slug: { type: 'string' }, debate: { type: 'string' } },
})
const [command, file] = positionals
if (command !== 'import' || !file) {
  console.error(USAGE)
  process.exit(2)
}
const slug = values.slug ?? slugify(basename(file, extname(file)))
if (!/^[a-z0-9][a-z0-9-]{0,63}$/.test(slug)) {
  console.error(`The slug "${slug}" must be lowercase letters, digits and dashes`)
  process.exit(2)
}

const config = loadConfig()
const db = await openDatabase(config.databaseUrl ?? config.databasePath)
const repos = createRepositories(db, config)
const format = extname(file).toLowerCase() === '.md' ? 'markdown' : undefined
let result
try {
  result = await repos.essays.import(readFileSync(file, 'utf8'), slug, format)
} catch (err) {
  if (!(err instanceof EssayParseError)) throw err
  console.error(`Cannot import ${file}: ${err.message}`)
  await db.close()
  process.exit(1)
}
if (!result.changed) {
  console.log(`Essay "${slug}" is unchanged.`)
} else if (result.plan) {
  const { plan } = result
  console.log(
    `Essay "${slug}" (${result.essay.title}): ${plan.blocks.length} blocks; ` +
      `${plan.unchanged.length} unchanged, ${plan.edited.length} edited, ${plan.added.length} new, ` +
      `${plan.removed.length} removed; ${result.outdated} comments marked outdated.`,
  )
}
if (values.debate && !(await repos.debates.bySlug(values.debate))) {
  await repos.debates.create({ slug: values.debate, title: result.essay.title, essayId: result.essay.id })
  console.log(`Opened the public debate "${values.debate}".`)
}
await db.close()

function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64)
}
