import { localized, msg, str } from '@lit/localize'
import { css, html, LitElement, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { MgChangeMemberEvent } from '../../../events/change-member.ts'
import { MgLoadRosterEvent } from '../../../events/load-roster.ts'
import { MgRemoveMemberEvent } from '../../../events/remove-member.ts'
import { MgRenameMemberEvent } from '../../../events/rename-member.ts'
import { request } from '../../../events/request.ts'
import { errorMessage } from '../../../services/errors.ts'
import type { Role, RosterMember } from '../../../services/types.ts'
import { emptyMembers, type MemberList } from '../../../state/members.ts'
import { ListLoader } from '../../members-shared/list-loader.ts'
import { memberList, memberSection } from '../../members-shared/member-list.ts'
import { shared } from '../../../styles/shared.ts'
import { personMarks, personMarkStyles } from '../../../components/person-marks.ts'

/** The name a member goes by in this seminar. */
function nameOf(m: RosterMember): string {
  return m.displayName ?? m.user.username
}

/**
 * A seminar's roster for its leaders: each member with their name in the seminar (and, in
 * an anonymous seminar, the pseudonym the others see), a guest marker and their role.
 * Leaders rename members and remove them after confirming; the owner and admins appoint
 * and dismiss co-moderators, which guests cannot become. It renders the roster it is given
 * and asks for it when there is none yet or it is stale (after each change, when someone
 * joined or a role changed).
 *
 * @summary The seminar's members and what leaders can do to them.
 * @fires mg-load-roster - Asks for the roster, which comes back through `roster`.
 * @fires mg-rename-member, mg-remove-member - Renames or removes a member; awaits the outcome.
 * @fires mg-change-member - Appoints or dismisses a co-moderator; awaits the outcome.
 */
@customElement('mg-roster')
@localized()
export class MgRoster extends LitElement {
  static override styles = [
    shared,
    memberList,
    personMarkStyles,
    css`
      :host {
        display: block;
        margin-top: 0.5rem;
      }
      input {
        font: inherit;
        font-size: 0.9rem;
        padding: 0.2rem 0.4rem;
        border: 1px solid var(--mg-muted);
        border-radius: 6px;
        background: var(--mg-bg);
        color: var(--mg-text);
      }
    `,
  ]

  /** The seminar is anonymous: show the pseudonyms the participants see. */
  @property({ type: Boolean }) anonymous = false
  /** The leader may appoint and dismiss co-moderators (the owner, or an admin). */
  @property({ type: Boolean, attribute: 'can-appoint' }) canAppoint = false
  /** The seminar's members as last loaded, and whether they are stale. */
  @property({ attribute: false }) roster: MemberList<RosterMember> = emptyMembers().roster

  @state() private error = ''
  /** What the last change did, in words made at each render: they follow a switch of the language. */
  @state() private done: (() => string) | null = null
  @state() private busy = false
  /** The member being renamed, or whose removal waits to be confirmed. */
  @state() private renaming: number | null = null
  @state() private removing: number | null = null

  private readonly loader = new ListLoader<RosterMember>(this, {
    list: () => this.roster,
    load: () => new MgLoadRosterEvent(),
    failed: (message) => (this.error = message),
  })

  /** Runs one change and announces `done`; the roster it makes stale loads again. */
  private async change(work: () => Promise<void>, done: () => string) {
    if (this.busy) return
    this.busy = true
    this.error = ''
    this.done = null
    try {
      await work()
      this.renaming = null
      this.removing = null
      this.done = done
    } catch (err) {
      this.error = errorMessage(err)
    } finally {
      this.busy = false
    }
  }

  private handleRename(m: RosterMember, e: SubmitEvent) {
    e.preventDefault()
    const input = (e.currentTarget as HTMLFormElement).querySelector('input')!
    const displayName = input.value.trim()
    if (!displayName) {
      this.error = msg('Enter a name.')
      input.focus()
      return
    }
    void this.change(
      () => request(this, new MgRenameMemberEvent(m.user.id, displayName)),
      () => msg(str`${nameOf(m)} is now called ${displayName}.`),
    )
  }

  private appoint(m: RosterMember, change: 'appoint' | 'dismiss') {
    const event = new MgChangeMemberEvent(m.user.username, change)
    void this.change(
      () => {
        this.dispatchEvent(event)
        return event.response
      },
      () =>
        change === 'appoint' ? msg(str`${nameOf(m)} now co-leads the seminar.`) : msg(str`${nameOf(m)} no longer co-leads the seminar.`),
    )
  }

  private roleText(role: Role): string {
    return role === 'owner' ? msg('Owner') : role === 'moderator' ? msg('Co-moderator') : msg('Participant')
  }

  private renderActions(m: RosterMember) {
    const name = nameOf(m)
    if (this.renaming === m.user.id) {
      return html`<form @submit=${(e: SubmitEvent) => this.handleRename(m, e)}>
        <input aria-label=${msg(str`New name for ${name}`)} maxlength="40" .value=${name} />
        <button class="btn primary" ?disabled=${this.busy}>${msg('Save')}</button>
        <button type="button" class="btn quiet" @click=${() => (this.renaming = null)}>${msg('Cancel')}</button>
      </form>`
    }
    if (this.removing === m.user.id) {
      return html`<span role="group" aria-label=${msg(str`Remove ${name} from the seminar?`)}>
        <button class="btn primary" ?disabled=${this.busy} @click=${() =>
          this.change(
            () => request(this, new MgRemoveMemberEvent(m.user.id)),
            () => msg(str`${name} was removed.`),
          )}>
          ${msg('Confirm removal')}
        </button>
        <button class="btn quiet" @click=${() => (this.removing = null)}>${msg('Cancel')}</button>
      </span>`
    }
    const appoint = this.canAppoint && !m.guest && m.role !== 'owner'
    return html`<button class="btn" aria-label=${msg(str`Rename ${name}`)} @click=${() => (this.renaming = m.user.id)}>${msg('Rename')}</button>
      ${
        appoint
          ? m.role === 'moderator'
            ? html`<button class="btn" ?disabled=${this.busy} aria-label=${msg(str`Dismiss as co-moderator: ${name}`)} @click=${() => this.appoint(m, 'dismiss')}>
              ${msg('Dismiss as co-moderator')}
            </button>`
            : html`<button class="btn" ?disabled=${this.busy} aria-label=${msg(str`Make co-moderator: ${name}`)} @click=${() => this.appoint(m, 'appoint')}>
              ${msg('Make co-moderator')}
            </button>`
          : nothing
      }
      ${
        m.role === 'owner'
          ? nothing
          : html`<button class="btn quiet" aria-label=${msg(str`Remove ${name}`)} @click=${() => (this.removing = m.user.id)}>${msg('Remove')}</button>`
      }`
  }

  private renderMember(m: RosterMember) {
    const name = nameOf(m)
    const account = m.displayName && m.displayName !== m.user.username ? m.user.username : null
    return html`<li>
      <span class="name">${name}</span>
      ${personMarks({ guest: m.guest })}
      <span class="meta">
        ${this.roleText(m.role)}${account ? ` · ${msg(str`account ${account}`)}` : ''}${
          this.anonymous && m.pseudonym ? ` · ${msg(str`seen as ${m.pseudonym}`)}` : ''
        }
      </span>
      ${this.renderActions(m)}
    </li>`
  }

  override render() {
    return memberSection({
      id: 'roster-heading',
      heading: msg('Roster'),
      hideHeading: true,
      intro: this.anonymous
        ? html`<p class="meta">${msg('Anonymous seminar: participants see each other only by pseudonym.')}</p>`
        : nothing,
      list: this.roster.list,
      empty: msg('Nobody has joined yet.'),
      row: (m) => this.renderMember(m),
      error: this.error,
      done: this.done?.() ?? '',
    })
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'mg-roster': MgRoster
  }
}
