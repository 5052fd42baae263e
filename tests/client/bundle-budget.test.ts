import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { afterEach, describe, expect, it } from 'vitest'
import { bundleSize } from '../../client/bundle-budget.ts'

const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

/** A built client: index.html naming its scripts, and the chunks under assets/. */
function build(chunks: Record<string, string>, page: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'mg-budget-'))
  dirs.push(dir)
  mkdirSync(join(dir, 'assets'))
  writeFileSync(
    join(dir, 'index.html'),
    `<script type="module" crossorigin src="/assets/${page[0]}"></script>` +
      page
        .slice(1)
        .map((f) => `<link rel="modulepreload" crossorigin href="/assets/${f}">`)
        .join(''),
  )
  for (const [name, source] of Object.entries(chunks)) writeFileSync(join(dir, 'assets', name), source)
  return join(dir, 'assets')
}

// Incompressible filler, so each chunk's size is known to the tenth of a kilobyte.
const filler = (kb: number) => Array.from({ length: kb * 100 }, (_, i) => ((i * 2654435761) >>> 0).toString(36)).join(';')
const gzKb = (s: string) => Math.round((gzipSync(s, { level: 9 }).length / 1024) * 10) / 10

describe('bundleSize', () => {
  it('counts what the page loads for readers, and chunks only lazy views import with those views', () => {
    const chunks = {
      'index-A1.js': `import{a as b}from"./decorate-B2.js";const v=()=>import("./leader-views-C3.js");${filler(4)}`,
      'decorate-B2.js': `export const a=1;${filler(2)}`,
      'de-D4.js': `import{s}from"./decorate-B2.js";export const templates={};${filler(1)}`,
      'leader-views-C3.js': `import{a}from"./decorate-B2.js";import{q as r}from"./qr-E5.js";import"./words-F6.js";${filler(3)}`,
      'seminar-views-G7.js': `import{w}from"./words-F6.js";${filler(1)}`,
      'qr-E5.js': `export const q=2;${filler(2)}`,
      'words-F6.js': `export const w=3;${filler(1)}`,
      'moderator-views-H8.js': `import{a}from"./decorate-B2.js";${filler(1)}`,
      'record-views-J9.js': `import{w}from"./words-F6.js";${filler(2)}`,
    }
    const size = bundleSize(build(chunks, ['index-A1.js', 'decorate-B2.js']))
    expect(size.readerFiles.sort()).toEqual(['de-D4.js', 'decorate-B2.js', 'index-A1.js'])
    const sum = (...names: (keyof typeof chunks)[]) => names.reduce((s, n) => s + gzKb(chunks[n]), 0)
    expect(size.leaderKb).toBeCloseTo(sum('leader-views-C3.js', 'qr-E5.js', 'words-F6.js'), 0)
    expect(size.seminarKb).toBeCloseTo(sum('seminar-views-G7.js', 'words-F6.js'), 0)
    expect(size.moderatorKb).toBeCloseTo(sum('moderator-views-H8.js'), 0)
    expect(size.recordKb).toBeCloseTo(sum('record-views-J9.js', 'words-F6.js'), 0)
    expect(size.readerKb).toBeCloseTo(sum('index-A1.js', 'decorate-B2.js', 'de-D4.js'), 0)
  })

  it("counts the messages a lazy view loads on demand with that view, and the page's own with readers", () => {
    const chunks = {
      'index-A1.js': `import{n}from"./lit-localize-B2.js";const l=()=>import(\`./de-C3.js\`),s=()=>import(\`./seminar-views-D4.js\`),m=()=>import("./moderator-views-E5.js");${filler(4)}`,
      'lit-localize-B2.js': `export const n=1;${filler(1)}`,
      'de-C3.js': `import{n}from"./lit-localize-B2.js";export const templates={};${filler(2)}`,
      'seminar-views-D4.js': `import{n}from"./lit-localize-B2.js";await a(()=>import(\`./seminar-messages-de-F6.js\`));${filler(2)}`,
      'seminar-messages-de-F6.js': `import{n}from"./lit-localize-B2.js";export const templates={};${filler(1)}`,
      'moderator-views-E5.js': `await a(()=>import('./moderator-messages-de-G7.js'));${filler(1)}`,
      'moderator-messages-de-G7.js': `export const templates={};${filler(2)}`,
    }
    const size = bundleSize(build(chunks, ['index-A1.js', 'lit-localize-B2.js']))
    expect(size.readerFiles.sort()).toEqual(['de-C3.js', 'index-A1.js', 'lit-localize-B2.js'])
    const sum = (...names: (keyof typeof chunks)[]) => names.reduce((s, n) => s + gzKb(chunks[n]), 0)
    expect(size.readerKb).toBeCloseTo(sum('index-A1.js', 'lit-localize-B2.js', 'de-C3.js'), 0)
    expect(size.seminarKb).toBeCloseTo(sum('seminar-views-D4.js', 'seminar-messages-de-F6.js'), 0)
    expect(size.moderatorKb).toBeCloseTo(sum('moderator-views-E5.js', 'moderator-messages-de-G7.js'), 0)
    expect(size.leaderKb).toBe(0)
  })

  it('counts messages that readers and a lazy view both load on demand with readers', () => {
    const chunks = {
      'index-A1.js': `const l=()=>import(\`./de-C3.js\`),v=()=>import(\`./leader-views-D4.js\`);${filler(3)}`,
      'de-C3.js': `export const templates={};${filler(2)}`,
      'leader-views-D4.js': `await a(()=>import(\`./de-C3.js\`));${filler(1)}`,
    }
    const size = bundleSize(build(chunks, ['index-A1.js']))
    expect(size.readerFiles.sort()).toEqual(['de-C3.js', 'index-A1.js'])
    expect(size.leaderKb).toBeCloseTo(gzKb(chunks['leader-views-D4.js']), 0)
  })
})
