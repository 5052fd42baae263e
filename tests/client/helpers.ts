/**
 * Component-test helpers: render a template into the document, wait until every Lit
 * element under it (through shadow roots) has rendered, or until the requests it sent have
 * been answered as well, and query across shadow roots.
 */
import { render, type LitElement, type TemplateResult } from 'lit'
import { afterEach } from 'vitest'
import type { Block, Comment } from '../../client/services/types.ts'

const containers = new Set<HTMLElement>()
afterEach(() => {
  for (const c of containers) c.remove()
  containers.clear()
  localStorage.clear()
})

export async function fixture<T extends Element>(template: TemplateResult): Promise<T> {
  const container = document.createElement('div')
  document.body.append(container)
  containers.add(container)
  render(template, container)
  await settle(container)
  return container.firstElementChild as T
}

/** Waits until every Lit element below `root` has rendered, nested ones included. */
export async function settle(root: Element | ShadowRoot): Promise<void> {
  let last = -1
  for (let round = 0; round < 20; round++) {
    const elements = allElements(root)
    await Promise.all(elements.filter((e): e is LitElement => 'updateComplete' in e).map((e) => e.updateComplete))
    await nextTask()
    if (elements.length === last) return
    last = elements.length
  }
}

/**
 * Waits until the requests an action sent (to a fake server, or answered by a test's handler)
 * have been answered and the store has taken the answer, then until everything below `root`
 * has rendered.
 */
export async function flush(root: Element | ShadowRoot): Promise<void> {
  // An answer takes a few turns of the event loop: the fetch, its body, the handler's continuation.
  for (let i = 0; i < 5; i++) await nextTask()
  await settle(root)
}

function nextTask(): Promise<void> {
  return new Promise((r) => setTimeout(r, 0))
}

/** Every element under `root`, shadow trees included. */
export function allElements(root: Element | ShadowRoot | Document): Element[] {
  const out: Element[] = []
  const visit = (node: Element | ShadowRoot | Document) => {
    for (const child of Array.from(node.children)) {
      out.push(child)
      if (child.shadowRoot) visit(child.shadowRoot)
      visit(child)
    }
  }
  if (root instanceof Element && root.shadowRoot) visit(root.shadowRoot)
  visit(root)
  return out
}

export function deepQueryAll<T extends Element = Element>(root: Element | ShadowRoot | Document, selector: string): T[] {
  return allElements(root).filter((e) => e.matches(selector)) as T[]
}

export function deepQuery<T extends Element = Element>(root: Element | ShadowRoot | Document, selector: string): T {
  const found = deepQueryAll<T>(root, selector)[0]
  if (!found) throw new Error(`nothing matches ${selector}`)
  return found
}

/** The element's visible text with whitespace collapsed (shadow content included). */
export function textOf(root: Element | ShadowRoot): string {
  const parts: string[] = []
  const visit = (node: Node) => {
    if (node.nodeType === Node.TEXT_NODE) parts.push(node.textContent ?? '')
    if (node instanceof HTMLStyleElement) return
    if (node instanceof Element && node.shadowRoot) node.shadowRoot.childNodes.forEach(visit)
    node.childNodes.forEach(visit)
  }
  visit(root)
  return parts.join('').replace(/\s+/g, ' ').trim()
}

let nextId = 1
export function comment(overrides: Partial<Comment> = {}): Comment {
  const id = overrides.id ?? nextId++
  return {
    id,
    parentId: null,
    anchor: 'p-1',
    author: { id: 7, username: 'ada' },
    body: `Argument ${id}`,
    stance: 'pro',
    votes: 0,
    voted: false,
    depth: 0,
    createdAt: new Date(Date.UTC(2025, 9, 1, 12, 0, id)).toISOString(),
    editedAt: null,
    deleted: false,
    outdated: false,
    outdatedText: null,
    ...overrides,
  }
}

/** An essay paragraph with no arguments or positions yet. */
export function block(anchor: string, overrides: Partial<Block> = {}): Block {
  return {
    anchor,
    kind: 'paragraph',
    text: `Text ${anchor}`,
    counts: { comments: 0, pro: 0, contra: 0, neutral: 0 },
    positions: { pro: 0, contra: 0, undecided: 0 },
    myPosition: null,
    ...overrides,
  }
}
