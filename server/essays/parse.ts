/**
 * Essay parsing: turns an author's source file (Markdown or plain text) into a title and
 * an ordered list of blocks, the units readers comment on.
 *
 * It owns the reading of the two accepted source forms and nothing else: it is pure (no
 * database, no Fastify), so the import CLI, the routes and the tests share one reading of an
 * essay. Anchors are planned from its output in `anchors.ts`. Text is kept as written
 * (inline Markdown and raw HTML included); escaping is the renderer's job.
 */

export type BlockKind = 'heading' | 'paragraph'

export interface ParsedBlock {
  kind: BlockKind
  text: string
}

export interface ParsedEssay {
  title: string
  blocks: ParsedBlock[]
}

export type EssayFormat = 'markdown' | 'text'

/**
 * What one essay may hold. A debate's page carries the whole essay in one response and an import
 * plans every block against every changed one, so both stay bounded: 2 MiB of source is a book
 * of several hundred pages, 2,000 blocks more than any essay's paragraphs and headings,
 * 20,000 characters in one paragraph some eight printed pages, and a title of 300 characters
 * still fits a list of debates.
 */
export const ESSAY_LIMITS = { sourceBytes: 2 * 1024 * 1024, blocks: 2_000, blockChars: 20_000, titleChars: 300 } as const

/** Thrown for a source that cannot be read as an essay; the message is fit to show to its author. */
export class EssayParseError extends Error {
  override name = 'EssayParseError'
}

// Plain-text heading rule: the seed's section titles ("Aufstehen") are short and unpunctuated,
// while every sentence, even a one-line paragraph, ends in one of these.
const HEADING_MAX_CHARS = 60
const HEADING_MAX_WORDS = 6
const CLOSING_PUNCTUATION = new Set(['.', '!', '?', ':', ';', '…', '“', '”', '"', '»', '«', ')', '•'])

// Ornament lines (`•`, `* * *`, `———`) and Markdown thematic breaks (`---`, `___`) separate
// blocks but carry no text a reader could comment on.
const DECORATION = /^[•*—–\-_\s]+$/u
// The seed essay closes with an end-of-article mark glued to its last sentence ("…wird?•").
const END_MARK = /\s*•$/u

const MARKDOWN_TITLE = /^#(?:[ \t]+(.*))?$/
const MARKDOWN_HEADING = /^#{2,6}(?:[ \t]+(.*))?$/
// An ATX heading may close with a run of `#`, which is not part of its text.
const MARKDOWN_CLOSING_HASHES = /(?:^|[ \t]+)#+$/

/** `markdown` when the first non-blank line (after any front matter) starts with `# `, else `text`. */
export function detectFormat(source: string): EssayFormat {
  const lines = toLines(source)
  const body = lines.slice(frontMatterEnd(lines) ?? 0)
  const first = body.find((line) => line.trim() !== '')
  return first?.startsWith('# ') ? 'markdown' : 'text'
}

/**
 * Reads an essay. Without `format`, the form is detected with `detectFormat`.
 * @throws EssayParseError on an empty essay, a missing title, an essay without paragraphs or
 *   one beyond `ESSAY_LIMITS`.
 */
export function parseEssay(source: string, format: EssayFormat = detectFormat(source)): ParsedEssay {
  const bytes = Buffer.byteLength(source, 'utf8')
  if (bytes > ESSAY_LIMITS.sourceBytes) {
    throw new EssayParseError(`The essay is ${megabytes(bytes)} MB; an essay may be at most ${megabytes(ESSAY_LIMITS.sourceBytes)} MB.`)
  }
  const lines = toLines(source)
  if (lines.every((line) => line.trim() === '')) throw new EssayParseError('The essay is empty.')
  const essay = format === 'markdown' ? parseMarkdown(lines) : parseText(lines)
  return finish(essay)
}

function parseMarkdown(lines: string[]): ParsedEssay {
  const start = frontMatterEnd(lines)
  if (start === undefined && lines[0] === '---') {
    throw new EssayParseError('The front matter opened by "---" on line 1 is never closed by a "---" line.')
  }
  let index = start ?? 0
  while (index < lines.length && lines[index]?.trim() === '') index++
  if (index === lines.length) throw new EssayParseError('The essay has front matter but no text.')

  const titleLine = lines[index] ?? ''
  const titleMatch = MARKDOWN_TITLE.exec(titleLine)
  const title = titleMatch ? stripClosingHashes(titleMatch[1] ?? '') : ''
  if (!titleMatch) {
    throw new EssayParseError(`The essay must start with a "# Title" line; line ${index + 1} is "${excerpt(titleLine)}".`)
  }
  if (title === '') throw new EssayParseError(`The title on line ${index + 1} is empty.`)

  const blocks: ParsedBlock[] = []
  let paragraph: string[] = []
  const endParagraph = (): void => {
    if (paragraph.length > 0) blocks.push({ kind: 'paragraph', text: paragraph.join(' ') })
    paragraph = []
  }
  for (let i = index + 1; i < lines.length; i++) {
    const line = (lines[i] ?? '').trim()
    if (line === '' || DECORATION.test(line)) {
      endParagraph()
    } else if (MARKDOWN_TITLE.test(line)) {
      throw new EssayParseError(`Line ${i + 1} is a second "# " title; use "## " for a section heading.`)
    } else if (MARKDOWN_HEADING.test(line)) {
      endParagraph()
      const text = stripClosingHashes(MARKDOWN_HEADING.exec(line)?.[1] ?? '')
      if (text === '') throw new EssayParseError(`The heading on line ${i + 1} is empty.`)
      blocks.push({ kind: 'heading', text })
    } else {
      paragraph.push(line)
    }
  }
  endParagraph()
  return { title, blocks }
}

function parseText(lines: string[]): ParsedEssay {
  const texts = lines.map((line) => line.trim()).filter((line) => line !== '')
  const [title = '', ...rest] = texts
  const blocks = rest
    .filter((line) => !DECORATION.test(line))
    .map((text): ParsedBlock => ({ kind: isPlainTextHeading(text) ? 'heading' : 'paragraph', text }))
  return { title, blocks }
}

function isPlainTextHeading(line: string): boolean {
  const chars = [...line]
  const last = chars.at(-1) ?? ''
  return chars.length <= HEADING_MAX_CHARS && line.split(/\s+/u).length <= HEADING_MAX_WORDS && !CLOSING_PUNCTUATION.has(last)
}

/** Rules shared by both forms: the end mark goes, and an essay needs a paragraph. */
function finish({ title, blocks }: ParsedEssay): ParsedEssay {
  const last = blocks.at(-1)
  if (last?.kind === 'paragraph') last.text = last.text.replace(END_MARK, '')
  if (!blocks.some((block) => block.kind === 'paragraph')) {
    throw new EssayParseError(`The essay "${excerpt(title)}" has a title but no paragraph.`)
  }
  if (title.length > ESSAY_LIMITS.titleChars) {
    throw new EssayParseError(
      `The title "${excerpt(title)}" is ${title.length} characters long; a title may be at most ${ESSAY_LIMITS.titleChars}.`,
    )
  }
  if (blocks.length > ESSAY_LIMITS.blocks) {
    throw new EssayParseError(`The essay has ${blocks.length} paragraphs and headings; an essay may have at most ${ESSAY_LIMITS.blocks}.`)
  }
  const long = blocks.find((block) => block.text.length > ESSAY_LIMITS.blockChars)
  if (long) {
    throw new EssayParseError(
      `The ${long.kind} "${excerpt(long.text)}" is ${long.text.length} characters long; ` +
        `a ${long.kind} may be at most ${ESSAY_LIMITS.blockChars}.`,
    )
  }
  return { title, blocks }
}

function toLines(source: string): string[] {
  return source
    .normalize('NFC')
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/)
    .map((line) => line.trimEnd())
}

/** Index of the first line after a closed `---` front-matter block at the very top, if there is one. */
function frontMatterEnd(lines: string[]): number | undefined {
  if (lines[0] !== '---') return undefined
  const close = lines.findIndex((line, i) => i > 0 && (line === '---' || line === '...'))
  return close === -1 ? undefined : close + 1
}

function stripClosingHashes(text: string): string {
  return text.trim().replace(MARKDOWN_CLOSING_HASHES, '').trim()
}

function megabytes(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(1)
}

function excerpt(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text
}
