import { html } from 'lit'
import { describe, expect, it } from 'vitest'
import '../../client/components/mg-markdown/mg-markdown.ts'
import type { MgMarkdown } from '../../client/components/mg-markdown/mg-markdown.ts'
import { LINK_REL, safeHref } from '../../client/components/mg-markdown/render.ts'
import { XSS_CORPUS } from '../e2e/xss-corpus.ts'
import { allElements, deepQuery, deepQueryAll, fixture, textOf } from './helpers.ts'

const md = (source: string) => fixture<MgMarkdown>(html`<mg-markdown .source=${source}></mg-markdown>`)

describe('mg-markdown', () => {
  it('renders emphasis, quotes, lists and code', async () => {
    const el = await md('Das ist **stark** und _kursiv_.\n\n> Zitat\n\n- eins\n- zwei\n\n`code`')
    expect(deepQuery(el, 'strong').textContent).toBe('stark')
    expect(deepQuery(el, 'em').textContent).toBe('kursiv')
    expect(deepQuery(el, 'blockquote').textContent?.trim()).toBe('Zitat')
    expect(deepQueryAll(el, 'li').map((li) => li.textContent?.trim())).toEqual(['eins', 'zwei'])
    expect(deepQuery(el, 'code').textContent).toBe('code')
  })

  it('opens http, https and mailto links in a new tab with a safe rel', async () => {
    const el = await md('[a](https://example.com/x) [b](http://example.org) <mailto:ada@example.com> www.example.net')
    const links = deepQueryAll<HTMLAnchorElement>(el, 'a')
    expect(links.map((a) => a.getAttribute('href'))).toEqual([
      'https://example.com/x',
      'http://example.org/',
      'mailto:ada@example.com',
      'http://www.example.net/',
    ])
    for (const a of links) {
      expect(a.getAttribute('rel')).toBe('noopener noreferrer nofollow ugc')
      expect(a.getAttribute('target')).toBe('_blank')
    }
    expect(LINK_REL).toBe('noopener noreferrer nofollow ugc')
  })

  it('sets plain prose as paragraphs, as the Markdown lexer would', async () => {
    const el = await md('Erster Absatz,\nzweite Zeile.\n\n  Zweiter Absatz.\n')
    expect(deepQueryAll(el, 'p').map((p) => p.textContent?.replace(/\s+/g, ' '))).toEqual([
      'Erster Absatz, zweite Zeile.',
      'Zweiter Absatz.',
    ])
    const code = await md('Text\n\n    eingerückter Code')
    expect(deepQuery(code, 'pre code').textContent).toBe('eingerückter Code')
  })

  it('shows raw HTML as text rather than markup', async () => {
    const el = await md('Hallo <b onclick="x()">fett</b>\n\n<div>block</div>')
    expect(deepQueryAll(el, 'b, div:not(.md)')).toHaveLength(0)
    expect(textOf(el)).toContain('<b onclick="x()">fett</b>')
    expect(textOf(el)).toContain('<div>block</div>')
  })

  it('turns images into links and drops unsafe targets to plain text', async () => {
    const el = await md('![Bild](https://example.com/a.png) [böse](javascript:alert(1)) [relativ](/d/sora)')
    expect(deepQueryAll(el, 'img')).toHaveLength(0)
    const links = deepQueryAll<HTMLAnchorElement>(el, 'a')
    expect(links.map((a) => a.getAttribute('href'))).toEqual(['https://example.com/a.png'])
    expect(links[0]!.textContent).toBe('Image: Bild')
    expect(textOf(el)).toContain('böse')
    expect(textOf(el)).toContain('relativ')
  })

  it('decodes character references as text', async () => {
    const el = await md('a &amp; b &lt;script&gt; &#x2013; &auml;')
    expect(textOf(el)).toBe('a & b <script> – ä')
    expect(deepQueryAll(el, 'script')).toHaveLength(0)
  })

  it.each(XSS_CORPUS)('renders the payload %j without script, handlers or unsafe links', async (payload) => {
    const el = await md(payload)
    const rendered = allElements(el)
    expect(
      rendered.filter((e) =>
        ['SCRIPT', 'IFRAME', 'OBJECT', 'EMBED', 'IMG', 'SVG', 'MATH', 'FORM', 'INPUT'].includes(e.tagName.toUpperCase()),
      ),
    ).toEqual([])
    for (const e of rendered) {
      for (const attr of Array.from(e.attributes)) expect(attr.name.startsWith('on'), `${e.tagName} ${attr.name}`).toBe(false)
    }
    for (const a of deepQueryAll<HTMLAnchorElement>(el, 'a')) {
      expect(a.protocol).toMatch(/^(https?|mailto):$/)
      expect(a.getAttribute('rel')).toBe(LINK_REL)
    }
  })
})

describe('safeHref', () => {
  it.each([
    ['https://example.com', 'https://example.com/'],
    ['mailto:a@b.de', 'mailto:a@b.de'],
    ['javascript:alert(1)', null],
    ['  JAVASCRIPT:alert(1)', null],
    ['java\tscript:alert(1)', null],
    ['&#106;avascript:alert(1)', null],
    ['data:text/html,<script>alert(1)</script>', null],
    ['vbscript:x', null],
    ['/relative', null],
    ['ftp://example.com', null],
  ])('%j → %j', (input, expected) => {
    expect(safeHref(input)).toBe(expected)
  })
})
