/**
 * The client's size budget, shared by the build (which prints it) and `npm run bench`
 * (which records it): the gzipped JavaScript a reader downloads. Views only some people open
 * are lazy chunks counted apart — the moderators' tools, the seminar participants' bar, the
 * seminar leaders' panel and projector, a debate's record, the sign-in and flag dialogs — so that none of them weighs on readers. A chunk
 * the bundler splits off and only lazy chunks import counts with them, not with readers; so
 * do the messages a lazy chunk loads on demand for its own views.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { gzipSync } from 'node:zlib'

export const READER_BUDGET_KB = 60
/** What a seminar's participant downloads in all: the reader's page and the participants' chunk (bar, join page). */
export const SEMINAR_BUDGET_KB = 75
/** What a seminar's leaders load on top of the reader's page (panel, overview, roster, projector with its QR code). */
export const LEADER_BUDGET_KB = 20

/** The lazy chunks, by the name of the module the page imports on demand. */
const LAZY = {
  moderator: /^moderator-views-/,
  seminar: /^seminar-views-/,
  leader: /^leader-views-/,
  record: /^record-views-/,
  auth: /^auth-views-/,
  flag: /^flag-views-/,
  groups: /^groups-views-/,
} as const
type Lazy = keyof typeof LAZY

export interface BundleSize {
  /** What a reader may download: the page, lit-localize and the page's German messages. */
  readerKb: number
  readerFiles: string[]
  /** The lazy chunk loaded only by moderators, with its messages. */
  moderatorKb: number
  /** The lazy chunk loaded only in seminars, for participants, with its messages. */
  seminarKb: number
  /** The lazy chunk loaded only by a seminar's leaders, with its messages. */
  leaderKb: number
  /** The lazy chunk loaded only where a debate's record is opened, with its messages. */
  recordKb: number
  /** The lazy chunk of the sign-in and registration dialog, loaded when it is first opened. */
  authKb: number
  /** The lazy chunk of the flag dialog, loaded when a reader first flags something. */
  flagKb: number
  /** The lazy chunk of the leaders' groups panel and the projector's comparison of the groups. */
  groupsKb: number
  totalKb: number
}

/** The chunks a chunk imports, by file name: statically, and with `import()` (loaded on demand). */
interface Imports {
  static: string[]
  dynamic: string[]
}

function importsOf(source: string): Imports {
  const found = (pattern: RegExp) => [...source.matchAll(pattern)].map((m) => m[1]!)
  return {
    static: found(
      /\b(?:import|export)\s*(?:(?:\{[^}]*\}|\*\s*as\s+[\w$]+|[\w$]+(?:\s*,\s*\{[^}]*\})?)\s*from\s*)?["']\.\/([\w.-]+\.js)["']/g,
    ),
    dynamic: found(/\bimport\(\s*[`"']\.\/([\w.-]+\.js)[`"']\s*\)/g),
  }
}

/** Every chunk reachable from the roots, never entering the chunks `stop` rejects. */
function closure(roots: Iterable<string>, imports: Map<string, Imports>, stop: (f: string) => boolean = () => false): Set<string> {
  const seen = new Set<string>()
  const visit = (f: string) => {
    if (seen.has(f) || !imports.has(f) || stop(f)) return
    seen.add(f)
    const { static: loaded, dynamic: onDemand } = imports.get(f)!
    for (const g of [...loaded, ...onDemand]) visit(g)
  }
  for (const r of roots) visit(r)
  return seen
}

export function bundleSize(assetsDir: string): BundleSize {
  const files = readdirSync(assetsDir).filter((f) => f.endsWith('.js'))
  if (files.length === 0) throw new Error(`${assetsDir} has no JavaScript: run \`npm run build:client\` first`)
  const imports = new Map(files.map((f) => [f, importsOf(readFileSync(join(assetsDir, f), 'utf8'))]))
  // The reader's chunks: what the page loads first (its scripts and preloads), what those load
  // on demand (the reader's messages), and what nothing imports at all, to be safe. The lazy
  // views are not entered: each counts with what it imports, its messages included, less
  // whatever readers load anyway.
  const html = readFileSync(join(dirname(assetsDir), 'index.html'), 'utf8')
  const page = [...html.matchAll(/(?:src|href)="\/assets\/([\w.-]+\.js)"/g)].map((m) => m[1]!)
  const imported = new Set([...imports.values()].flatMap((i) => [...i.static, ...i.dynamic]))
  const lazy = (f: string) => (Object.keys(LAZY) as Lazy[]).find((k) => LAZY[k].test(f))
  const reader = closure([...page, ...files.filter((f) => !imported.has(f))], imports, (f) => lazy(f) !== undefined)
  const gz = (f: string) => gzipSync(readFileSync(join(assetsDir, f)), { level: 9 }).length
  const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10
  const sum = (list: Iterable<string>) => [...list].reduce((total, f) => total + gz(f), 0)
  const only = (kind: Lazy) =>
    [
      ...closure(
        files.filter((f) => lazy(f) === kind),
        imports,
        (f) => lazy(f) !== undefined && lazy(f) !== kind,
      ),
    ].filter((f) => !reader.has(f))
  const readerFiles = files.filter((f) => reader.has(f))
  const readerBytes = sum(readerFiles)
  const all = sum(files)
  return {
    readerKb: kb(readerBytes),
    readerFiles,
    moderatorKb: kb(sum(only('moderator'))),
    seminarKb: kb(sum(only('seminar'))),
    leaderKb: kb(sum(only('leader'))),
    recordKb: kb(sum(only('record'))),
    authKb: kb(sum(only('auth'))),
    flagKb: kb(sum(only('flag'))),
    groupsKb: kb(sum(only('groups'))),
    totalKb: kb(all),
  }
}
