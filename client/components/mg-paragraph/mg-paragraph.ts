import { localized, msg } from '@lit/localize'
import { css, html, LitElement, nothing, type PropertyValues } from 'lit'
import { customElement, property, query } from 'lit/decorators.js'
import type { MgToggleThreadEvent } from '../../events/toggle-thread.ts'
import type { Block, Phase, Stance, User } from '../../services/types.ts'
import type { ThreadState } from '../../state/common.ts'
import { shared } from '../../styles/shared.ts'
import '../mg-paragraph-marker/mg-paragraph-marker.ts'
import type { MgParagraphMarker } from '../mg-paragraph-marker/mg-paragraph-marker.ts'
import '../mg-thread/mg-thread.ts'
import type { MgThread } from '../mg-thread/mg-thread.ts'

/**
 * One paragraph of the essay with its marker (in the margin on wide screens, under the text
 * on narrow ones) and, when open, its thread right under it. Moves focus into the thread
 * when the reader opens it and back to the marker when they close it.
 *
 * @summary An essay paragraph with its debate inline.
 */
@customElement('mg-paragraph')
@localized()
export class MgParagraph extends LitElement {
  static override styles = [
    shared,
    css`
      :host {
        display: block;
        position: relative;
      }
      .text {
        /* Below whatever stays on top of the page (the seminar's bar), with the spotlight's label. */
        scroll-margin-top: calc(var(--mg-sticky-top, 0px) + 2.5rem);
        max-width: var(--mg-measure);
        margin: 0;
        padding: 0.15rem 0;
        font-family: var(--mg-font-text);
        font-size: var(--mg-text-size, 1.1875rem);
        line-height: 1.65;
        hyphens: auto;
        -webkit-hyphens: auto;
        overflow-wrap: break-word;
        border-radius: 4px;
      }
      .text:focus {
        outline: none;
      }
      .text:focus-visible {
        outline: 3px solid var(--mg-focus);
        outline-offset: 6px;
      }
      .lead {
        font-size: 1.3rem;
        line-height: 1.55;
        color: var(--mg-muted);
      }
      .flash {
        animation: flash 2.4s ease-out;
      }
      @keyframes flash {
        0%,
        40% {
          background: var(--mg-highlight);
          box-shadow: 0 0 0 0.4rem var(--mg-highlight);
        }
        100% {
          background: transparent;
          box-shadow: 0 0 0 0.4rem transparent;
        }
      }
      .spotlit {
        background: var(--mg-highlight);
        box-shadow: 0 0 0 0.4rem var(--mg-highlight);
        outline: 3px solid var(--mg-focus);
        outline-offset: 0.4rem;
      }
      .spot-label {
        display: inline-block;
        margin: 0 0 0.5rem;
        padding: 0.1rem 0.55rem;
        border-radius: 999px;
        background: var(--mg-focus);
        color: var(--mg-raised, #fff);
        font-size: 0.8rem;
        font-weight: 600;
      }
      .marker {
        margin-top: 0.6rem;
      }
      mg-thread {
        max-width: calc(var(--mg-measure) + 4rem);
        margin: 1rem 0 0.5rem;
      }
      @media (min-width: 62rem) {
        .marker {
          position: absolute;
          top: 0.35rem;
          left: calc(100% + 2rem);
          width: 9rem;
          margin: 0;
        }
        mg-thread {
          margin-inline-start: -1rem;
        }
      }
    `,
  ]

  /** The paragraph with its tally. */
  @property({ attribute: false }) block!: Block
  /** The debate's slug. */
  @property() debate = ''
  /** The paragraph's number in the essay. */
  @property({ type: Number }) number = 0
  /** The essay's lead paragraph. */
  @property({ type: Boolean }) lead = false
  /** The seminar's leader spotlights this paragraph. */
  @property({ type: Boolean }) spotlit = false
  /** The seminar's phase; null for ordinary debates. */
  @property({ attribute: false }) phase: Phase | null = null
  /** Whether the thread is open. */
  @property({ type: Boolean }) open = false
  /** The thread, once asked for. */
  @property({ attribute: false }) thread: ThreadState | undefined
  /** Ids of new arguments in the open thread not shown yet. */
  @property({ attribute: false }) unseen: readonly number[] = []
  /** How many are reading the paragraph right now. */
  @property({ type: Number }) readers = 0
  /** Someone is writing an argument of this stance here (null: nobody). */
  @property({ attribute: false }) typing: Stance | null = null
  /** The signed-in reader. */
  @property({ attribute: false }) user: User | null = null
  /** The debate is locked. */
  @property({ type: Boolean }) locked = false
  /** The reader moderates this debate. */
  @property({ type: Boolean }) moderator = false
  /** The reader is muted: until this time, or indefinitely when empty; null when not muted. */
  @property({ attribute: false }) muted: string | null = null
  /** The heading level for the thread. */
  @property({ type: Number }) level = 3
  /** Changes to a fresh number each time the paragraph is to be brought into view. */
  @property({ type: Number }) highlight = 0
  /** The comment in this paragraph's thread to bring into view. */
  @property({ attribute: false }) commentHighlight: { id: number; n: number } | null = null
  /** The connection is lost: its thread posts nothing until it is back. */
  @property({ type: Boolean }) offline = false

  @query('.text') private text!: HTMLElement
  @query('mg-paragraph-marker') private marker!: MgParagraphMarker
  @query('mg-thread') private threadElement!: MgThread | null

  private focusAfterUpdate: 'thread' | 'marker' | null = null
  private flashing = false

  override connectedCallback(): void {
    super.connectedCallback()
    this.addEventListener('mg-toggle-thread', this.handleToggle)
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback()
    this.removeEventListener('mg-toggle-thread', this.handleToggle)
  }

  private handleToggle = (e: MgToggleThreadEvent) => {
    if (e.anchor === this.block.anchor) this.focusAfterUpdate = e.open ? 'thread' : 'marker'
  }

  protected override async updated(changed: PropertyValues<this>): Promise<void> {
    if (changed.has('highlight') && this.highlight) {
      this.flashing = true
      this.text.classList.add('flash')
      this.text.scrollIntoView({ block: 'center' })
      this.text.focus({ preventScroll: true })
    }
    if (changed.has('open') && this.focusAfterUpdate) {
      const target = this.focusAfterUpdate
      this.focusAfterUpdate = null
      if (target === 'thread' && this.open && this.threadElement) {
        await this.threadElement.updateComplete
        this.threadElement.focusHeading()
      } else if (target === 'marker' && !this.open) {
        this.marker.focus()
      }
    }
  }

  /** Brings the paragraph into view, as when the reader follows the seminar's leader. */
  bringIntoView(): void {
    const still = typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches
    this.text.scrollIntoView({ block: 'start', inline: 'nearest', behavior: still ? 'auto' : 'smooth' })
  }

  private handleAnimationEnd() {
    if (!this.flashing) return
    this.flashing = false
    this.text.classList.remove('flash')
  }

  override render() {
    const b = this.block
    if (!b) return nothing
    return html`${this.spotlit ? html`<p id="spot" class="spot-label">${msg('In the spotlight')}</p>` : nothing}<p
        id=${b.anchor}
        class="text ${this.lead ? 'lead' : ''} ${this.spotlit ? 'spotlit' : ''}"
        lang="de"
        tabindex="-1"
        aria-describedby=${this.spotlit ? 'spot' : nothing}
        @animationend=${this.handleAnimationEnd}
      >
        ${b.text}
      </p>
      <mg-paragraph-marker
        class="marker"
        anchor=${b.anchor}
        .number=${this.number}
        .counts=${b.counts}
        .positions=${b.positions}
        ?open=${this.open}
      ></mg-paragraph-marker>
      ${
        this.open
          ? html`<mg-thread
            debate=${this.debate}
            anchor=${b.anchor}
            .number=${this.number}
            .level=${this.level}
            .thread=${this.thread ?? { status: 'loading', comments: [] }}
            .user=${this.user}
            ?locked=${this.locked}
            ?paragraph-locked=${b.locked ?? false}
            ?moderator=${this.moderator}
            .muted=${this.muted}
            .positions=${b.positions}
            .mine=${b.myPosition}
            .highlight=${this.commentHighlight}
            .unseen=${this.unseen}
            .readers=${this.readers}
            .typing=${this.typing}
            .phase=${this.phase}
            ?offline=${this.offline}
          ></mg-thread>`
          : nothing
      }`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'mg-paragraph': MgParagraph
  }
}
