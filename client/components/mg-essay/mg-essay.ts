import { localized, msg } from '@lit/localize'
import { css, html, LitElement, nothing, type PropertyValues } from 'lit'
import { customElement, property } from 'lit/decorators.js'
import { repeat } from 'lit/directives/repeat.js'
import { MgViewParagraphEvent } from '../../events/view-paragraph.ts'
import type { Block, Phase, User } from '../../services/types.ts'
import type { LiveState } from '../../state/live.ts'
import type { Highlight, ThreadState } from '../../state/common.ts'
import type { DebateState } from '../../state/debate.ts'
import { shared } from '../../styles/shared.ts'
import '../mg-paragraph/mg-paragraph.ts'

/** One empty list for every paragraph without new arguments, so their properties stay equal. */
const NONE: readonly number[] = []

/**
 * The essay set for reading: title, lead, section headings and paragraphs, each paragraph
 * with its marker and inline thread. The essay's text carries `lang="de"`; the interface
 * around it speaks the reader's language.
 *
 * @summary The debate page's essay.
 * @fires mg-view-paragraph - The paragraph in the middle of the screen changed.
 */
@customElement('mg-essay')
@localized()
export class MgEssay extends LitElement {
  static override styles = [
    shared,
    css`
      :host {
        display: block;
      }
      article {
        max-width: 40rem;
      }
      .kicker {
        margin: 0 0 0.75rem;
        font-size: 0.8rem;
        font-weight: 600;
        letter-spacing: 0.08em;
        text-transform: uppercase;
        color: var(--mg-muted);
      }
      h1 {
        margin: 0 0 1.5rem;
        font-family: var(--mg-font-text);
        font-size: clamp(2rem, 1.4rem + 2.6vw, 2.9rem);
        font-weight: 600;
        line-height: 1.12;
        letter-spacing: -0.01em;
        hyphens: auto;
        text-wrap: balance;
      }
      h2 {
        margin: 2.75rem 0 1rem;
        font-family: var(--mg-font-text);
        font-size: 1.6rem;
        font-weight: 600;
        line-height: 1.25;
        scroll-margin-top: 2rem;
      }
      h1:focus,
      h2:focus {
        outline: none;
      }
      .hint {
        max-width: 40rem;
        margin: 0 0 2.5rem;
        padding-top: 1rem;
        border-top: 1px solid var(--mg-rule);
        font-size: 0.9rem;
        line-height: 1.5;
        color: var(--mg-muted);
      }
      mg-paragraph {
        margin-bottom: 1.6rem;
      }
      mg-paragraph.lead {
        margin-bottom: 2rem;
      }
      .status {
        font-family: var(--mg-font-text);
        color: var(--mg-muted);
      }
    `,
  ]

  /** The debate and its essay. */
  @property({ attribute: false }) debate: DebateState | null = null
  /** Threads by paragraph anchor. */
  @property({ attribute: false }) threads: Readonly<Record<string, ThreadState>> = {}
  /** Anchors whose thread is open. */
  @property({ attribute: false }) open: readonly string[] = []
  /** The signed-in reader. */
  @property({ attribute: false }) user: User | null = null
  /** What to bring into view. */
  @property({ attribute: false }) highlight: Highlight | null = null
  /** Presence, typing notices and new arguments held back, from the live connection. */
  @property({ attribute: false }) live: LiveState | null = null
  /** The seminar's phase; null for ordinary debates. */
  @property({ attribute: false }) phase: Phase | null = null
  /** The paragraph the seminar's leader spotlights. */
  @property({ attribute: false }) spotlight: string | null = null
  /** The reader follows the leader: a new spotlight is brought into view. */
  @property({ type: Boolean }) follow = false

  private layout: { blocks: readonly Block[]; numbers: Map<string, { number: number; level: number }> } | null = null
  /** Which paragraphs cross the middle band of the screen; feeds presence ("reading"). */
  private viewer: IntersectionObserver | null = null
  private readonly inView = new Set<Element>()
  private viewing: string | null = null
  /** The spotlight last brought into view, so that it is brought there once. */
  private followed: string | null = null

  override disconnectedCallback(): void {
    super.disconnectedCallback()
    this.viewer?.disconnect()
    this.viewer = null
    this.inView.clear()
  }

  private watchParagraphs(): void {
    if (typeof IntersectionObserver === 'undefined') return
    this.viewer ??= new IntersectionObserver(
      (entries) => {
        for (const e of entries) {
          if (e.isIntersecting) this.inView.add(e.target)
          else this.inView.delete(e.target)
        }
        const paragraphs = [...this.renderRoot.querySelectorAll('mg-paragraph')]
        const anchor = paragraphs.find((p) => this.inView.has(p))?.block.anchor ?? null
        if (anchor === this.viewing) return
        this.viewing = anchor
        this.dispatchEvent(new MgViewParagraphEvent(anchor))
      },
      { rootMargin: '-40% 0px -40% 0px' },
    )
    // Observing an element twice is a no-op, so every update can hand over all of them.
    for (const p of this.renderRoot.querySelectorAll('mg-paragraph')) this.viewer.observe(p)
  }

  /** Following the leader, the spotlighted paragraph comes into view; otherwise it is only marked. */
  private followSpotlight(changed: PropertyValues<this>): void {
    if (changed.has('follow') || !this.follow || !this.spotlight) this.followed = null
    if (!this.follow || !this.spotlight || this.followed === this.spotlight) return
    const paragraph = [...this.renderRoot.querySelectorAll('mg-paragraph')].find((p) => p.block.anchor === this.spotlight)
    if (!paragraph) return
    this.followed = this.spotlight
    paragraph.bringIntoView()
  }

  /** Paragraph numbers and the heading level each paragraph's thread takes. */
  private numbering(blocks: readonly Block[]) {
    if (this.layout?.blocks === blocks) return this.layout.numbers
    const numbers = new Map<string, { number: number; level: number }>()
    let n = 0
    let inSection = false
    for (const b of blocks) {
      if (b.kind === 'heading') inSection = true
      else numbers.set(b.anchor, { number: ++n, level: inSection ? 3 : 2 })
    }
    this.layout = { blocks, numbers }
    return numbers
  }

  /** Moves focus to the essay's title, as the page's skip link asks. */
  focusTitle(): void {
    this.renderRoot.querySelector('h1')?.focus()
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('debate')) this.watchParagraphs()
    this.followSpotlight(changed)
    const h = this.highlight
    if (changed.has('highlight') && h?.kind === 'paragraph' && h.anchor.startsWith('h-')) {
      const heading = this.renderRoot.querySelector<HTMLElement>(`#${CSS.escape(h.anchor)}`)
      heading?.scrollIntoView({ block: 'start' })
      heading?.focus({ preventScroll: true })
    }
  }

  override render() {
    const debate = this.debate
    if (!debate || debate.status === 'loading' || !debate.essay) {
      if (debate?.status === 'error') return html`<p class="status" role="alert">${msg('This debate could not be loaded.')}</p>`
      return html`<p class="status" aria-busy="true">${msg('Loading the essay…')}</p>`
    }
    const essay = debate.essay
    const locked = debate.info?.state === 'locked'
    const moderator = debate.info?.role === 'owner' || debate.info?.role === 'moderator'
    const muted = debate.info?.muted ? (debate.info.mutedUntil ?? '') : null
    const numbers = this.numbering(essay.blocks)
    const h = this.highlight
    const commentAnchor = h?.kind === 'comment' ? findCommentAnchor(this.threads, h.id) : null
    let first = true
    return html`<article aria-labelledby="title">
      <p class="kicker">${msg('Essay · Debate')}</p>
      <h1 id="title" lang="de" tabindex="-1">${essay.title}</h1>
      ${repeat(
        essay.blocks,
        (b) => b.anchor,
        (b) => {
          if (b.kind === 'heading') return html`<h2 id=${b.anchor} lang="de" tabindex="-1">${b.text}</h2>`
          const lead = first
          first = false
          const place = numbers.get(b.anchor)
          return html`<mg-paragraph
              class=${lead ? 'lead' : ''}
              .block=${b}
              debate=${debate.slug}
              .number=${place?.number ?? 0}
              .level=${place?.level ?? 3}
              ?lead=${lead}
              ?spotlit=${this.spotlight === b.anchor}
              .phase=${this.phase}
              ?open=${this.open.includes(b.anchor)}
              .thread=${this.threads[b.anchor]}
              .unseen=${this.live?.unseen[b.anchor] ?? NONE}
              .readers=${this.live?.readers[b.anchor] ?? 0}
              .typing=${this.live?.typing[b.anchor] ?? null}
              ?offline=${this.live?.connection === 'offline'}
              .user=${this.user}
              ?locked=${locked}
              ?moderator=${moderator}
              .muted=${muted}
              .highlight=${h?.kind === 'paragraph' && h.anchor === b.anchor ? h.n : 0}
              .commentHighlight=${h?.kind === 'comment' && commentAnchor === b.anchor ? { id: h.id, n: h.n } : null}
            ></mg-paragraph>
            ${lead ? html`<p class="hint">${msg('Every paragraph can be debated: open the marker next to it to read the arguments, add your own and take your position.')}</p>` : nothing}`
        },
      )}
    </article>`
  }
}

function findCommentAnchor(threads: Readonly<Record<string, ThreadState>>, id: number): string | null {
  for (const [anchor, thread] of Object.entries(threads)) if (thread.comments.some((c) => c.id === id)) return anchor
  return null
}

declare global {
  interface HTMLElementTagNameMap {
    'mg-essay': MgEssay
  }
}
