/**
 * The lit-localize configs split the German messages by who loads them: the reader's config
 * takes every client file but the lazy views' own, and each view's config takes the files
 * only that view imports. If the page came to import one of a view's files, its messages
 * would stay in the view's chunk and the page would show them in English; these tests say so.
 */
import { readFileSync } from 'node:fs'
import { dirname, relative, resolve } from 'node:path'
// lit-localize expands inputFiles with fast-glob; the same expansion is checked here.
import fastGlob from 'fast-glob'
import { describe, expect, it } from 'vitest'

const root = resolve(import.meta.dirname, '../..')
const VIEWS = {
  moderator: 'client/views/moderator/moderator-views.ts',
  seminar: 'client/views/seminar/seminar-views.ts',
  leader: 'client/views/leader/leader-views.ts',
  record: 'client/views/record/record-views.ts',
  groups: 'client/views/groups/groups-views.ts',
} as const

/** The client files a config extracts messages from, relative to the repository. */
function inputFiles(config: string): Set<string> {
  const { inputFiles } = JSON.parse(readFileSync(resolve(root, config), 'utf8')) as { inputFiles: string[] }
  return new Set(fastGlob.sync(inputFiles, { cwd: root }).filter((f) => f.startsWith('client/')))
}

/** The files a module imports statically, relative to the repository (types left out). */
function staticImports(file: string): string[] {
  const source = readFileSync(resolve(root, file), 'utf8')
  const found = source.matchAll(/^\s*(?:import|export)(?!\s+type\b)\s*(?:[^'"`;]*?\bfrom\s*)?['"](\.[^'"]+)['"]/gm)
  return [...found].map((m) => relative(root, resolve(root, dirname(file), m[1]!)))
}

function closure(entry: string): Set<string> {
  const seen = new Set<string>()
  const visit = (f: string) => {
    if (seen.has(f)) return
    seen.add(f)
    for (const g of staticImports(f)) visit(g)
  }
  visit(entry)
  return seen
}

const page = closure('client/main.ts')
const reader = inputFiles('lit-localize.json')

describe('the lit-localize configs', () => {
  it('cover every client file with messages, each either for the page or for lazy views', () => {
    const claimed = new Set([...reader, ...Object.keys(VIEWS).flatMap((v) => [...inputFiles(`lit-localize.${v}.json`)])])
    const withMessages = fastGlob
      .sync('client/**/*.ts', { cwd: root, ignore: ['client/locales/**', 'client/dist/**'] })
      .filter((f) => /\bmsg\(/.test(readFileSync(resolve(root, f), 'utf8')))
    expect(withMessages.length).toBeGreaterThan(0)
    expect(withMessages.filter((f) => !claimed.has(f))).toEqual([])
  })

  for (const [view, entry] of Object.entries(VIEWS)) {
    it(`give the ${view} views only files the page never imports, and only files those views import`, () => {
      const files = inputFiles(`lit-localize.${view}.json`)
      const own = closure(entry)
      expect(files.size).toBeGreaterThan(0)
      expect([...files].filter((f) => page.has(f))).toEqual([])
      expect([...files].filter((f) => reader.has(f))).toEqual([])
      expect([...files].filter((f) => !own.has(f))).toEqual([])
    })
  }
})
