import { localized, msg, str } from '@lit/localize'
import { css, html, LitElement, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { MgChangeMemberEvent } from '../../../events/change-member.ts'
import { MgLoadMembersEvent } from '../../../events/load-members.ts'
import { request } from '../../../events/request.ts'
import type { Member, MemberChange, Role } from '../../../services/types.ts'
import { errorMessage } from '../../../services/errors.ts'
import { absoluteTime } from '../../../services/format.ts'
import { emptyMembers, type MemberList } from '../../../state/members.ts'
import { ListLoader } from '../../members-shared/list-loader.ts'
import { memberList, memberSection } from '../../members-shared/member-list.ts'
import { shared } from '../../../styles/shared.ts'
import { personMarks, personMarkStyles } from '../../../components/person-marks.ts'

/** How long a mute lasts, in hours; 0 is indefinitely. */
const DURATIONS = [1, 24, 0] as const

/**
 * The debate's members and writers, with their role and whether they are muted or banned.
 * Moderators mute (for an hour, a day or indefinitely) and unmute; the owner and admins
 * appoint and dismiss moderators; admins ban and unban, site-wide, after confirming. It
 * renders the list it is given and asks for it when there is none yet or it is stale (after
 * each change, and on a `member.updated` event).
 *
 * @summary The member list and what moderators can do to members.
 * @fires mg-load-members - Asks for the list, which comes back through `members`.
 * @fires mg-change-member - Appoints, dismisses, mutes, unmutes, bans or unbans someone; awaits the outcome.
 */
@customElement('mg-members')
@localized()
export class MgMembers extends LitElement {
  static override styles = [
    shared,
    memberList,
    personMarkStyles,
    css`
      :host {
        display: block;
        margin-top: 0.75rem;
      }
      select {
        font: inherit;
        font-size: 0.85rem;
        padding: 0.2rem;
        border: 1px solid var(--mg-muted);
        border-radius: 6px;
        background: var(--mg-bg);
        color: var(--mg-text);
      }
    `,
  ]

  /** The moderator may appoint and dismiss moderators (the debate's owner, or an admin). */
  @property({ type: Boolean, attribute: 'can-appoint' }) canAppoint = false
  /** The moderator is a site admin: may ban and unban. */
  @property({ type: Boolean }) admin = false
  /** The debate's members as last loaded, and whether they are stale. */
  @property({ attribute: false }) members: MemberList<Member> = emptyMembers().members

  @state() private error = ''
  /** What the last change did, in words made at each render: they follow a switch of the language. */
  @state() private done: (() => string) | null = null
  @state() private busy = false
  /** The member whose ban waits to be confirmed. */
  @state() private confirming: string | null = null

  private readonly loader = new ListLoader<Member>(this, {
    list: () => this.members,
    load: () => new MgLoadMembersEvent(),
    failed: (message) => (this.error = message),
  })

  private async change(username: string, change: MemberChange, until?: string) {
    if (this.busy) return
    this.busy = true
    this.error = ''
    this.done = null
    try {
      await request(this, new MgChangeMemberEvent(username, change, until))
      this.confirming = null
      this.done = () => this.doneText(username, change)
    } catch (err) {
      this.error = errorMessage(err)
    } finally {
      this.busy = false
    }
  }

  private handleMute(username: string, e: Event) {
    const select = (e.currentTarget as HTMLElement).previousElementSibling as HTMLSelectElement
    const hours = Number(select.value)
    void this.change(username, 'mute', hours ? new Date(Date.now() + hours * 3600_000).toISOString() : undefined)
  }

  private doneText(name: string, change: MemberChange): string {
    const texts: Record<MemberChange, string> = {
      appoint: msg(str`${name} is now a moderator.`),
      dismiss: msg(str`${name} is no longer a moderator.`),
      mute: msg(str`${name} is muted.`),
      unmute: msg(str`${name} is no longer muted.`),
      ban: msg(str`${name} is banned.`),
      unban: msg(str`${name} is no longer banned.`),
    }
    return texts[change]
  }

  private roleText(role: Role): string {
    return role === 'owner' ? msg('Owner') : role === 'moderator' ? msg('Moderator') : msg('Participant')
  }

  private stateText(m: Member): string {
    const parts: string[] = []
    if (m.muted) parts.push(m.mutedUntil ? msg(str`muted until ${absoluteTime(m.mutedUntil)}`) : msg('muted indefinitely'))
    if (m.banned) parts.push(msg('banned'))
    return parts.join(' · ')
  }

  private renderMember(m: Member) {
    const name = m.user.username
    const appoint = this.canAppoint && m.role !== 'owner'
    const state = this.stateText(m)
    return html`<li>
      <span class="name">${name}</span>${personMarks({ guest: m.guest })}
      <span class="meta">${this.roleText(m.role)}${state ? ` · ${state}` : ''}</span>
      ${
        appoint
          ? m.role === 'moderator'
            ? html`<button class="btn" ?disabled=${this.busy} aria-label=${msg(str`Dismiss as moderator: ${name}`)} @click=${() => this.change(name, 'dismiss')}>${msg('Dismiss as moderator')}</button>`
            : html`<button class="btn" ?disabled=${this.busy} aria-label=${msg(str`Make moderator: ${name}`)} @click=${() => this.change(name, 'appoint')}>${msg('Make moderator')}</button>`
          : nothing
      }
      ${
        m.role === 'owner'
          ? nothing
          : m.muted
            ? html`<button class="btn" ?disabled=${this.busy} aria-label=${msg(str`Unmute ${name}`)} @click=${() => this.change(name, 'unmute')}>${msg('Unmute')}</button>`
            : html`<span>
              <select aria-label=${msg(str`How long to mute ${name}`)}>
                ${DURATIONS.map((h) => html`<option value=${h}>${h === 1 ? msg('1 hour') : h === 24 ? msg('1 day') : msg('Indefinitely')}</option>`)}
              </select><button class="btn" ?disabled=${this.busy} aria-label=${msg(str`Mute ${name}`)} @click=${(e: Event) => this.handleMute(name, e)}>${msg('Mute')}</button>
            </span>`
      }
      ${this.admin ? this.renderBan(m) : nothing}
    </li>`
  }

  private renderBan(m: Member) {
    const name = m.user.username
    if (m.banned) {
      return html`<button class="btn" ?disabled=${this.busy} aria-label=${msg(str`Unban ${name}`)} @click=${() => this.change(name, 'unban')}>${msg('Unban')}</button>`
    }
    if (this.confirming !== name) {
      return html`<button class="btn" aria-label=${msg(str`Ban ${name}`)} @click=${() => (this.confirming = name)}>${msg('Ban')}</button>`
    }
    return html`<span role="group" aria-label=${msg(str`Ban ${name} from the whole site?`)}>
      <button class="btn primary" ?disabled=${this.busy} @click=${() => this.change(name, 'ban')}>${msg('Confirm ban')}</button>
      <button class="btn quiet" @click=${() => (this.confirming = null)}>${msg('Cancel')}</button>
    </span>`
  }

  override render() {
    return memberSection({
      id: 'members-heading',
      heading: msg('Members'),
      list: this.members.list,
      empty: msg('Nobody has joined or posted yet.'),
      row: (m) => this.renderMember(m),
      error: this.error,
      done: this.done?.() ?? '',
    })
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'mg-members': MgMembers
  }
}
