import { localized, msg, str } from '@lit/localize'
import { css, html, LitElement, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import {
  MgDisbandGroupsEvent,
  MgFormGroupsEvent,
  MgMoveToGroupEvent,
  MgSetGroupStateEvent,
  MgShowGroupEvent,
} from '../../../events/groups.ts'
import { request, type RequestEvent } from '../../../events/request.ts'
import { errorMessage } from '../../../services/errors.ts'
import type { FormGroups, Groups, Person } from '../../../services/types.ts'
import { shared } from '../../../styles/shared.ts'

/** How the leader asks for the groups to be made, as the form's `mode` field says it. */
const MODES = ['positions', 'poll', 'random', 'manual'] as const
type Mode = (typeof MODES)[number]

function modeWord(mode: Mode): string {
  if (mode === 'positions') return msg('Balanced by the positions taken')
  if (mode === 'poll') return msg('Balanced by the last poll')
  if (mode === 'random') return msg('At random')
  return msg('By hand')
}

/** "Group A", as everyone sees a group named. */
export function groupName(letter: string): string {
  return msg(str`Group ${letter}`)
}

function formOf(data: FormData): FormGroups {
  const mode = data.get('mode') as Mode
  const n = Number(data.get('n'))
  const split = data.get('by') === 'size' ? { size: n } : { count: n }
  if (mode === 'positions' || mode === 'poll') return { mode: 'balanced', balance: mode, ...split }
  return { mode, ...split }
}

/**
 * The leader's small groups: forming them (balanced by the stances participants took or by the
 * last poll, at random, or empty to fill by hand; by the number of groups or by their size),
 * reshuffling, placing each participant with a choice of group until group work starts,
 * starting it, ending it in the plenum, or taking the groups apart; and, during group work and
 * after, which group's arguments the threads show (one, or all). It renders the groups it is
 * given; the answers and the live `groups.changed` bring the next ones.
 *
 * @summary The leader's groups panel.
 * @fires mg-form-groups, mg-move-to-group, mg-set-group-state, mg-disband-groups - Each change; awaits the outcome.
 */
@customElement('mg-groups-panel')
@localized()
export class MgGroupsPanel extends LitElement {
  static override styles = [
    shared,
    css`
      :host {
        display: block;
      }
      form.make {
        display: flex;
        flex-wrap: wrap;
        align-items: end;
        gap: 0.5rem 0.8rem;
        margin: 0.4rem 0 0.8rem;
      }
      label {
        display: flex;
        flex-direction: column;
        gap: 0.15rem;
        font-size: 0.9rem;
      }
      input[type='number'] {
        width: 5rem;
      }
      .groups {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(12rem, 1fr));
        gap: 0.6rem;
        margin: 0;
        padding: 0;
        list-style: none;
      }
      .groups > li {
        border: 1px solid var(--mg-rule);
        border-radius: 8px;
        padding: 0.4rem 0.6rem;
      }
      h4 {
        margin: 0 0 0.3rem;
        font-size: 1rem;
      }
      ul.members {
        margin: 0;
        padding: 0;
        list-style: none;
      }
      ul.members li {
        display: flex;
        justify-content: space-between;
        gap: 0.4rem;
        padding: 0.1rem 0;
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        margin-top: 0.6rem;
      }
    `,
  ]

  /** The seminar's groups, as its leaders see them. */
  @property({ attribute: false }) groups: Groups | null = null
  /** The seminar is closed: nothing changes any more. */
  @property({ type: Boolean }) closed = false
  /** The group whose arguments the threads show alone; null: every group's. */
  @property({ attribute: false }) shown: number | null = null

  @state() private busy = false
  @state() private error = ''
  @state() private done = ''

  private async send(event: RequestEvent<Groups>, done: string) {
    this.busy = true
    this.error = ''
    try {
      await request(this, event)
      this.done = done
    } catch (err) {
      this.error = errorMessage(err)
    } finally {
      this.busy = false
    }
  }

  private handleForm(e: SubmitEvent) {
    e.preventDefault()
    void this.send(new MgFormGroupsEvent(formOf(new FormData(e.target as HTMLFormElement))), msg('The groups are formed.'))
  }

  private move(person: Person, value: string) {
    const group = value === '' ? null : Number(value)
    void this.send(new MgMoveToGroupEvent(person.id, group), msg(str`${person.name} is moved.`))
  }

  private renderForm(again: boolean) {
    return html`<form class="make" @submit=${this.handleForm} aria-label=${msg('Form the groups')}>
      <label>
        ${msg('How')}
        <select name="mode">
          ${MODES.map((m) => html`<option value=${m}>${modeWord(m)}</option>`)}
        </select>
      </label>
      <label>
        ${msg('Split into')}
        <select name="by">
          <option value="count">${msg('this many groups')}</option>
          <option value="size">${msg('groups of at least')}</option>
        </select>
      </label>
      <label>
        ${msg('Number')}
        <input name="n" type="number" min="1" max="100" value="3" required />
      </label>
      <button class="btn primary" ?disabled=${this.busy || this.closed}>${again ? msg('Reshuffle') : msg('Form the groups')}</button>
    </form>`
  }

  private renderMember(person: Person, current: number | null, movable: boolean) {
    const groups = this.groups!.groups
    if (!movable) return html`<li>${person.name}</li>`
    return html`<li>
      <span>${person.name}</span>
      <select
        aria-label=${msg(str`Group of ${person.name}`)}
        ?disabled=${this.busy}
        @change=${(e: Event) => this.move(person, (e.target as HTMLSelectElement).value)}
      >
        <option value="" ?selected=${current === null}>${msg('No group')}</option>
        ${groups.map((g) => html`<option value=${g.id} ?selected=${g.id === current}>${groupName(g.letter)}</option>`)}
      </select>
    </li>`
  }

  private renderGroups(groups: Groups) {
    const movable = groups.state === 'forming' && !this.closed
    return html`<ul class="groups">
      ${groups.groups.map(
        (g) => html`<li>
          <h4>${groupName(g.letter)} <span class="meta">(${g.members.length})</span></h4>
          <ul class="members">
            ${g.members.map((m) => this.renderMember(m, g.id, movable))}
          </ul>
        </li>`,
      )}
      ${
        groups.ungrouped.length
          ? html`<li>
              <h4>${msg('In no group')} <span class="meta">(${groups.ungrouped.length})</span></h4>
              <ul class="members">
                ${groups.ungrouped.map((m) => this.renderMember(m, null, movable))}
              </ul>
            </li>`
          : nothing
      }
    </ul>`
  }

  private renderActions(groups: Groups) {
    if (this.closed) return nothing
    if (groups.state === 'forming') {
      return html`<div class="actions">
        <button class="btn primary" ?disabled=${this.busy} @click=${() => this.send(new MgSetGroupStateEvent('working'), msg('Group work has started.'))}>
          ${msg('Start group work')}
        </button>
        <button class="btn quiet" ?disabled=${this.busy} @click=${() => this.send(new MgDisbandGroupsEvent(), msg('The groups are taken apart.'))}>
          ${msg('Take the groups apart')}
        </button>
      </div>`
    }
    if (groups.state === 'working') {
      return html`<div class="actions">
        <button class="btn primary" ?disabled=${this.busy} @click=${() => this.send(new MgSetGroupStateEvent('plenum'), msg('The plenum has begun.'))}>
          ${msg('End group work: to the plenum')}
        </button>
      </div>`
    }
    return nothing
  }

  /** Which group's arguments the threads show: one, or all. */
  private renderShown(groups: Groups) {
    if (groups.state !== 'working' && groups.state !== 'plenum') return nothing
    const choose = (e: Event) => {
      const value = (e.target as HTMLSelectElement).value
      void request(this, new MgShowGroupEvent(value === '' ? null : Number(value)))
    }
    return html`<label class="shown">
      ${msg('The threads show the arguments of')}
      <select @change=${choose}>
        <option value="" ?selected=${this.shown === null}>${msg('every group')}</option>
        ${groups.groups.map((g) => html`<option value=${g.id} ?selected=${g.id === this.shown}>${groupName(g.letter)}</option>`)}
      </select>
    </label>`
  }

  private stateText(groups: Groups): string {
    if (groups.state === 'forming') return msg('The groups are formed; you can reshuffle them or move anyone until group work starts.')
    if (groups.state === 'working') return msg('Group work: each participant sees and writes only within their group. You see every group.')
    if (groups.state === 'plenum') return msg('Plenum: everyone sees everything, each argument labelled with its group.')
    return msg('Split the class into small groups that debate side by side.')
  }

  override render() {
    const groups = this.groups
    if (!groups) return nothing
    const forming = groups.state === null || groups.state === 'forming'
    return html`<p>${this.stateText(groups)}</p>
      ${forming && !this.closed ? this.renderForm(groups.state === 'forming') : nothing}
      ${this.renderShown(groups)} ${groups.state === null ? nothing : this.renderGroups(groups)} ${this.renderActions(groups)}
      <div role="alert">${this.error ? html`<p class="error">${this.error}</p>` : nothing}</div>
      <div class="vh" role="status">${this.done}</div>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'mg-groups-panel': MgGroupsPanel
  }
}
