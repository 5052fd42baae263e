/**
 * Markdown to Lit templates, without HTML strings: `marked` only tokenises, and every token
 * becomes a template whose user text reaches the DOM through bindings. Raw HTML is shown as
 * text; links keep only absolute http, https and mailto targets (anything else is shown as
 * its text), open in a new tab and carry `rel="noopener noreferrer nofollow ugc"`; images
 * become links, so a comment never loads anything by itself.
 */
import { msg } from '@lit/localize'
import { html, nothing, type TemplateResult } from 'lit'
import { Lexer, type Token, type Tokens } from 'marked'

export const LINK_REL = 'noopener noreferrer nofollow ugc'
const SAFE_PROTOCOLS = new Set(['http:', 'https:', 'mailto:'])
// Deeper nesting (quotes in quotes in lists …) is shown as its source text.
const MAX_DEPTH = 12

type Part = TemplateResult | string | typeof nothing

// Anything that may be Markdown syntax (or an autolink, or a character reference) sends the
// source through the lexer; most comments are plain prose and take the short way.
const MARKDOWN = /[\\`*_[\]<>#~|!&]|https?:|www\.|@|^ {0,3}(?:[-+]|\d{1,9}[.)])(?:\s|$)|^(?: {4}|\t)|^ {0,3}(?:=+|-+)\s*$| {2,}\n/m

/** What a render left out, for the author to be told; set only while `renderMarkdown` runs. */
let report: { dropped: number } | null = null

/** The source as templates; `found.dropped` counts the links and images left out for their target. */
export function renderMarkdown(source: string, found?: { dropped: number }): Part[] {
  if (!MARKDOWN.test(source)) return plainParagraphs(source)
  const tokens = new Lexer({ gfm: true, breaks: false }).lex(source)
  report = found ?? null
  try {
    return blocks(tokens, 0)
  } finally {
    report = null
  }
}

/** Prose without any Markdown: paragraphs separated by blank lines, as the lexer would give. */
function plainParagraphs(source: string): Part[] {
  return source
    .split(/\n[ \t]*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => html`<p>${p}</p>`)
}

/** The URL a link may point to, or null: absolute http(s) and mailto only, after decoding. */
export function safeHref(raw: string): string | null {
  let url: URL
  try {
    // The URL parser drops tabs and newlines and trims control characters, so the protocol
    // checked is the one a browser would follow.
    url = new URL(decodeEntities(raw).trim())
  } catch {
    return null
  }
  return SAFE_PROTOCOLS.has(url.protocol) ? url.href : null
}

function blocks(tokens: readonly Token[], depth: number): Part[] {
  return tokens.map((t) => block(t, depth))
}

function block(token: Token, depth: number): Part {
  if (depth > MAX_DEPTH) return html`<p>${token.raw}</p>`
  switch (token.type) {
    case 'paragraph':
      return html`<p>${inline((token as Tokens.Paragraph).tokens, depth)}</p>`
    case 'heading':
      // Comment headings are shown as bold lines: the page's outline belongs to the essay.
      return html`<p class="heading"><strong>${inline((token as Tokens.Heading).tokens, depth)}</strong></p>`
    case 'code':
      return html`<pre><code>${(token as Tokens.Code).text}</code></pre>`
    case 'blockquote':
      return html`<blockquote>${blocks((token as Tokens.Blockquote).tokens, depth + 1)}</blockquote>`
    case 'list':
      return list(token as Tokens.List, depth)
    case 'table':
      return table(token as Tokens.Table, depth)
    case 'hr':
      return html`<hr />`
    case 'text': {
      const t = token as Tokens.Text
      return t.tokens ? html`${inline(t.tokens, depth)}` : decodeEntities(t.text)
    }
    case 'html':
      return html`<p class="raw">${(token as Tokens.HTML).text}</p>`
    case 'space':
    case 'def':
      return nothing
    default:
      return html`<p>${token.raw}</p>`
  }
}

function list(token: Tokens.List, depth: number): Part {
  const items = token.items.map(
    (item) =>
      html`<li>${item.task ? html`<span aria-hidden="true">${item.checked ? '☑' : '☐'} </span>` : nothing}${blocks(
        item.tokens.filter((t) => t.type !== 'checkbox'),
        depth + 1,
      )}</li>`,
  )
  if (!token.ordered) return html`<ul>${items}</ul>`
  const start = Number(token.start)
  return html`<ol start=${Number.isInteger(start) && start >= 0 ? start : 1}>${items}</ol>`
}

function table(token: Tokens.Table, depth: number): Part {
  return html`<div class="table">
    <table>
      <thead>
        <tr>
          ${token.header.map((cell) => html`<th>${inline(cell.tokens, depth)}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${token.rows.map((row) => html`<tr>${row.map((cell) => html`<td>${inline(cell.tokens, depth)}</td>`)}</tr>`)}
      </tbody>
    </table>
  </div>`
}

function inline(tokens: readonly Token[] | undefined, depth: number): Part[] {
  if (!tokens) return []
  return tokens.map((t) => span(t, depth))
}

function span(token: Token, depth: number): Part {
  if (depth > MAX_DEPTH) return token.raw
  switch (token.type) {
    case 'text': {
      const t = token as Tokens.Text
      return t.tokens ? html`${inline(t.tokens, depth + 1)}` : decodeEntities(t.text)
    }
    case 'escape':
      return decodeEntities((token as Tokens.Escape).text)
    case 'strong':
      return html`<strong>${inline((token as Tokens.Strong).tokens, depth + 1)}</strong>`
    case 'em':
      return html`<em>${inline((token as Tokens.Em).tokens, depth + 1)}</em>`
    case 'del':
      return html`<del>${inline((token as Tokens.Del).tokens, depth + 1)}</del>`
    case 'codespan':
      return html`<code>${(token as Tokens.Codespan).text}</code>`
    case 'br':
      return html`<br />`
    case 'link': {
      const t = token as Tokens.Link
      const href = safeHref(t.href)
      const content = inline(t.tokens, depth + 1)
      if (!href && report) report.dropped++
      return href ? html`<a href=${href} target="_blank" rel=${LINK_REL}>${content}</a>` : html`${content}`
    }
    case 'image': {
      const t = token as Tokens.Image
      const href = safeHref(t.href)
      const label = `${msg('Image')}: ${decodeEntities(t.text) || t.href}`
      if (!href && report) report.dropped++
      return href ? html`<a href=${href} target="_blank" rel=${LINK_REL}>${label}</a>` : label
    }
    case 'html':
      return (token as Tokens.Tag).text
    default:
      return token.raw
  }
}

const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  shy: '\u00ad',
  hellip: '…',
  ndash: '–',
  mdash: '—',
  lsquo: '‘',
  rsquo: '’',
  sbquo: '‚',
  ldquo: '“',
  rdquo: '”',
  bdquo: '„',
  laquo: '«',
  raquo: '»',
  auml: 'ä',
  ouml: 'ö',
  uuml: 'ü',
  Auml: 'Ä',
  Ouml: 'Ö',
  Uuml: 'Ü',
  szlig: 'ß',
  euro: '€',
  copy: '©',
  reg: '®',
  deg: '°',
  middot: '·',
  times: '×',
  minus: '−',
  colon: ':',
  Tab: '\t',
  NewLine: '\n',
  lpar: '(',
  rpar: ')',
  sol: '/',
  period: '.',
}

/** Decodes HTML character references into text (the result is only ever bound as text). */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text
  return text.replace(/&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z][A-Za-z0-9]{1,31}));?/g, (match, dec, hex, name) => {
    if (dec || hex) {
      const code = dec ? Number(dec) : parseInt(hex as string, 16)
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : '\ufffd'
    }
    return NAMED[name as string] ?? match
  })
}
