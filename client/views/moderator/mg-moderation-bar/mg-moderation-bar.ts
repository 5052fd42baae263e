import { localized, msg, str } from '@lit/localize'
import { css, html, LitElement, nothing, type PropertyValues } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { MgLoadQueueEvent } from '../../../events/load-queue.ts'
import type { Block, DebateSettings, Member } from '../../../services/types.ts'
import { emptyMembers, type MemberList } from '../../../state/members.ts'
import { emptyModeration, type ModerationState } from '../../../state/moderation.ts'
import { shared } from '../../../styles/shared.ts'

/**
 * The moderators' entry to their tools: a button with the review queue's open count, which
 * opens the queue below it, and beside it the button to the debate's settings, watched words,
 * members and log (`mg-moderator-tools`). It comes with the moderators' views, as do the
 * moderation menu on every comment and the lock in every thread: the page fetches them for
 * moderators only, so readers never download them. The bar asks for the queue itself, as it
 * appears (for the badge's count) and whenever the queue it shows may have changed.
 *
 * @summary Moderation bar with the queue's live count.
 * @fires mg-load-queue - The bar appears for a debate, its queue is opened, or a live event changed the open queue's size:
 *   the queue should show its current items.
 */
@customElement('mg-moderation-bar')
@localized()
export class MgModerationBar extends LitElement {
  static override styles = [
    shared,
    css`
      :host {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.5rem;
        max-width: 40rem;
        margin-bottom: 1.5rem;
      }
      #queue {
        flex-basis: 100%;
      }
      .badge {
        display: inline-block;
        min-width: 1.4em;
        margin-inline-start: 0.35em;
        padding: 0 0.4em;
        border-radius: 999px;
        background: var(--mg-danger);
        color: var(--mg-bg);
        font-weight: 700;
        text-align: center;
      }
      .badge.zero {
        background: var(--mg-muted);
      }
    `,
  ]

  /** The queue and its size. */
  @property({ attribute: false }) moderation: ModerationState = emptyModeration()
  /** The debate's slug. */
  @property() debate = ''
  /** The debate's moderation settings. */
  @property({ attribute: false }) settings: DebateSettings | null = null
  /** The essay's blocks, to offer a paragraph when reattaching an outdated comment and to name paragraphs in the log. */
  @property({ attribute: false }) blocks: readonly Block[] = []
  /** The moderator may appoint and dismiss moderators (the debate's owner, or an admin). */
  @property({ type: Boolean, attribute: 'can-appoint' }) canAppoint = false
  /** The moderator is a site admin. */
  @property({ type: Boolean }) admin = false
  /** The debate's members as last loaded, for the member list. */
  @property({ attribute: false }) members: MemberList<Member> = emptyMembers().members

  @state() private open = false

  protected override updated(changed: PropertyValues<this>): void {
    // A live event brings only the size: the open queue fetches the items behind it. A resolved
    // item changes the items as well, and is gone already.
    const before = changed.get('moderation')
    const now = this.moderation
    const resized =
      this.open && before?.status === 'ready' && now.status === 'ready' && before.size !== now.size && before.items === now.items
    if ((changed.has('debate') && this.debate) || resized) this.dispatchEvent(new MgLoadQueueEvent())
  }

  private toggle() {
    this.open = !this.open
    if (this.open) this.dispatchEvent(new MgLoadQueueEvent())
  }

  override render() {
    const size = this.moderation.size
    const label = size === null ? msg('Review queue') : msg(str`Review queue, ${size} open`)
    return html`<button class="btn queue-toggle" aria-expanded=${this.open ? 'true' : 'false'} aria-controls="queue" aria-label=${label} @click=${this.toggle}>
        ${msg('Review queue')}
        ${size === null ? nothing : html`<span class="badge ${size === 0 ? 'zero' : ''}" aria-hidden="true">${size}</span>`}
      </button>
      <div id="queue" ?hidden=${!this.open}>
        ${this.open ? html`<mg-queue .items=${this.moderation.items} status=${this.moderation.status} .blocks=${this.blocks}></mg-queue>` : nothing}
      </div>
      <mg-moderator-tools debate=${this.debate} .settings=${this.settings} ?can-appoint=${this.canAppoint} ?admin=${this.admin} .members=${this.members} .blocks=${this.blocks}></mg-moderator-tools>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'mg-moderation-bar': MgModerationBar
  }
}
