import { localized, msg } from '@lit/localize'
import { css, html, LitElement, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import type { Block, DebateSettings, Member } from '../../../services/types.ts'
import { emptyMembers, type MemberList } from '../../../state/members.ts'
import { shared } from '../../../styles/shared.ts'

/**
 * The moderators' tools for the whole debate (its settings, watched words, members and the
 * moderation log), behind one button in the moderation bar beside the review queue's, so that
 * opening the queue does not push the essay down under all of them. The tools for a single
 * paragraph or comment sit beside it instead. Beside the button, the link to the debate's record.
 *
 * Its host lays out as part of the bar (`display: contents`): the button joins the bar's row,
 * the open panel takes a row of its own.
 *
 * @summary The debate's settings, watched words, members and log, behind a disclosure.
 */
@customElement('mg-moderator-tools')
@localized()
export class MgModeratorTools extends LitElement {
  static override styles = [
    shared,
    css`
      :host {
        display: contents;
      }
      #tools {
        flex-basis: 100%;
      }
    `,
  ]

  /** The debate's slug. */
  @property() debate = ''
  /** The debate's moderation settings. */
  @property({ attribute: false }) settings: DebateSettings | null = null
  /** The moderator may appoint and dismiss moderators (the debate's owner, or an admin). */
  @property({ type: Boolean, attribute: 'can-appoint' }) canAppoint = false
  /** The moderator is a site admin. */
  @property({ type: Boolean }) admin = false
  /** The debate's members as last loaded, for the member list. */
  @property({ attribute: false }) members: MemberList<Member> = emptyMembers().members
  /** The essay's blocks, for the log to name a paragraph by its number and first words. */
  @property({ attribute: false }) blocks: readonly Block[] = []

  @state() private open = false

  override render() {
    return html`<button class="btn tools-toggle" aria-expanded=${this.open ? 'true' : 'false'} aria-controls="tools" @click=${() => (this.open = !this.open)}>
        ${msg('Settings, members and log')}
      </button>
      <a class="btn" href="/d/${this.debate}/record">${msg('Record')}</a>
      <div id="tools" ?hidden=${!this.open}>
        ${
          this.open
            ? html`<mg-debate-settings .settings=${this.settings}></mg-debate-settings>
              <mg-watched-words></mg-watched-words>
              <mg-members ?can-appoint=${this.canAppoint} ?admin=${this.admin} .members=${this.members}></mg-members>
              <mg-mod-log debate=${this.debate} .blocks=${this.blocks}></mg-mod-log>`
            : nothing
        }
      </div>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'mg-moderator-tools': MgModeratorTools
  }
}
