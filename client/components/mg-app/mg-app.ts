import { localized, msg } from '@lit/localize'
import { html, LitElement, nothing, type PropertyValues } from 'lit'
import { customElement, property, query, state } from 'lit/decorators.js'
import { MgDismissAwayEvent } from '../../events/dismiss-away.ts'
import type { AuthMode } from '../../events/request-sign-in.ts'
import { MgSignOutEvent } from '../../events/sign-out.ts'
import { announce, register, type Context, type Handlers } from '../../handlers/context.ts'
import { followHash, loadDebate, loadDebates, loadSession } from '../../handlers/debate.ts'
import { pageHandlers } from '../../handlers/page.ts'
import { paragraphNumber } from '../../services/essay.ts'
import { awayLine } from '../../services/format.ts'
import type { Locale, Localization } from '../../services/locale.ts'
import { StoreController } from '../../state/controller.ts'
import { groupThreads } from '../../state/threads.ts'
import type { AppState } from '../../state/store.ts'
import '../mg-debate-list/mg-debate-list.ts'
import '../mg-essay/mg-essay.ts'
import '../mg-language-switch/mg-language-switch.ts'
import '../mg-live-status/mg-live-status.ts'
import { MediaController, PHONE } from '../media-controller.ts'
import { styles } from './mg-app.styles.ts'

/** The lazy views: each chunk brings its elements and the handlers of the requests they make. */
const CHUNKS = {
  moderator: () => import('../../views/moderator/moderator-views.ts'),
  seminar: () => import('../../views/seminar/seminar-views.ts'),
  leader: () => import('../../views/leader/leader-views.ts'),
  record: () => import('../../views/record/record-views.ts'),
  auth: () => import('../../views/auth/auth-views.ts'),
  groups: () => import('../../views/groups/groups-views.ts'),
} satisfies Record<string, () => Promise<{ handlers: Handlers }>>

type Chunk = keyof typeof CHUNKS

export type Route =
  { view: 'list' } | { view: 'debate'; slug: string; projector: boolean; record: boolean } | { view: 'join'; code: string }

/**
 * `/d/<debate>`, its projector view `/d/<debate>/projector`, its record `/d/<debate>/record`,
 * the join page `/join/<code>`, or the list of debates.
 */
export function parseRoute(path: string): Route {
  const debate = /^\/d\/([a-z0-9][a-z0-9-]{0,63})(\/projector|\/record)?\/?$/.exec(path)
  if (debate?.[1]) return { view: 'debate', slug: debate[1], projector: debate[2] === '/projector', record: debate[2] === '/record' }
  const code = /^\/join\/([A-Za-z0-9-]{1,32})\/?$/.exec(path)?.[1]
  if (code) return { view: 'join', code }
  return { view: 'list' }
}

/** The routes show the same page (the same debate loaded), perhaps in another view of it. */
function samePage(a: Route, b: Route): boolean {
  if (a.view === 'debate' && b.view === 'debate') return a.slug === b.slug
  if (a.view === 'join' && b.view === 'join') return a.code === b.code
  return a.view === b.view
}

/**
 * The page: a skip link to the essay, the header with the account and language controls (on a
 * phone in one line, the account's in a menu), the routed view (the list of debates or a
 * debate's essay), the sign-in dialog and the status messages for screen readers. It owns
 * routing and deep links, loads the lazy views, and registers the handlers that answer the
 * elements' requests.
 *
 * @summary Marginalia's root element.
 */
@customElement('mg-app')
@localized()
export class MgApp extends LitElement {
  static override styles = styles

  /** The store, the API client and the live presence the page's handlers work with. */
  @property({ attribute: false }) context!: Context
  /** The interface language. */
  @property({ attribute: false }) localization!: Localization

  @state() private route: Route = parseRoute(location.pathname)
  @state() private auth: { open: boolean; mode: AuthMode } = { open: false, mode: 'login' }
  /** The lazy chunks asked for, and those loaded with their handlers registered. */
  @state() private chunks: Partial<Record<Chunk, 'loading' | 'ready'>> = {}
  /** The account's menu is open (on a phone); it closes when the reader signs in or out. */
  @state() private menu = false

  @query('main') private main!: HTMLElement

  private readonly phone = new MediaController(this, PHONE)
  private data: StoreController<AppState> | null = null
  /** The reader the account's menu was last shown for. */
  private menuUser: AppState['user'] = undefined
  /** Where the sign-in dialog was asked for, to return focus there (or nearby) after it. */
  private returnPath: EventTarget[] = []

  /** The requests the root answers itself: they change the page around the views. */
  private readonly ownHandlers: Handlers = {
    'mg-request-sign-in': (e) => this.openAuth(e.mode, e.composedPath()),
    'mg-change-locale': (e) => this.changeLocale(e.locale as Locale),
    'mg-navigate': (e) => this.navigate(e.path),
  }

  override connectedCallback(): void {
    super.connectedCallback()
    this.data ??= new StoreController(this, this.context.store, (s) => s)
    register(this, pageHandlers, this.context)
    register(this, this.ownHandlers, this.context)
    window.addEventListener('popstate', this.handleLocation)
    window.addEventListener('hashchange', this.handleHash)
    void loadSession(this.context)
    void this.enter(this.route)
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback()
    window.removeEventListener('popstate', this.handleLocation)
    window.removeEventListener('hashchange', this.handleHash)
  }

  protected override willUpdate(): void {
    const state = this.context.store.state
    this.loadChunks(state)
    if (state.user !== this.menuUser) {
      this.menuUser = state.user
      this.menu = false
    }
  }

  protected override updated(changed: PropertyValues): void {
    const state = this.context.store.state
    const title =
      this.route.view === 'debate' && state.debate?.essay ? `${state.debate.essay.title} · Marginalia` : msg('Debates · Marginalia')
    if (document.title !== title) document.title = title
    if (changed.has('route')) window.scrollTo(0, 0)
  }

  private async enter(route: Route): Promise<void> {
    if (route.view === 'debate') {
      await loadDebate(this.context, route.slug)
      if (location.hash) await followHash(this.context, location.hash)
    } else if (route.view === 'list') {
      await loadDebates(this.context)
    }
  }

  /**
   * The lazy views load only where they appear: the moderators' views for a debate's
   * moderators, the participants' seminar views for seminars (and the join page and the form
   * that starts one), the leaders' panel and projector for a seminar's leaders, the record
   * where it is opened.
   */
  private loadChunks(state: AppState) {
    const info = state.debate?.info
    const route = this.route
    const debate = route.view === 'debate'
    const moderates = info?.role === 'owner' || info?.role === 'moderator'
    const leads = moderates || (state.user?.isAdmin ?? false)
    const account = Boolean(state.user && !state.user.guest)
    // A guest is warned before signing out by a dialog of the participants' chunk.
    if (state.user?.guest) this.loadChunk('seminar')
    if (debate && moderates) this.loadChunk('moderator')
    if (route.view === 'join' || (route.view === 'list' && account) || (debate && !route.projector && info?.seminar && !leads))
      this.loadChunk('seminar')
    if (debate && info?.seminar && (leads || route.projector)) this.loadChunk('leader')
    if (debate && route.record) this.loadChunk('record')
  }

  /** Registers the chunk's handlers before its elements render, so none of their requests goes unanswered. */
  private loadChunk(chunk: Chunk) {
    if (this.chunks[chunk]) return
    this.chunks = { ...this.chunks, [chunk]: 'loading' }
    void CHUNKS[chunk]().then(({ handlers }) => {
      register(this, handlers, this.context)
      this.chunks = { ...this.chunks, [chunk]: 'ready' }
    })
  }

  /** A leader opened the groups, or the projector shows them: their chunk loads. */
  private wantGroups = () => this.loadChunk('groups')

  private ready(chunk: Chunk): boolean {
    return this.chunks[chunk] === 'ready'
  }

  private navigate(path: string) {
    history.pushState(null, '', path)
    this.handleLocation()
  }

  private handleLocation = () => {
    const route = parseRoute(location.pathname)
    if (samePage(route, this.route)) {
      this.route = route
      if (location.hash) void followHash(this.context, location.hash)
      return
    }
    this.route = route
    void this.enter(route)
  }

  private handleHash = () => {
    if (location.hash) void followHash(this.context, location.hash)
  }

  /** Links inside the page are followed without reloading it; deep links are followed here too. */
  private handleClick(e: MouseEvent) {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return
    const link = e.composedPath().find((t): t is HTMLAnchorElement => t instanceof HTMLAnchorElement)
    if (!link || link.target || link.hasAttribute('download')) return
    const url = new URL(link.href, location.href)
    if (url.origin !== location.origin) return
    if (url.pathname.startsWith('/api/')) return
    e.preventDefault()
    if (url.pathname === location.pathname && url.hash) {
      history.pushState(null, '', url.hash)
      void followHash(this.context, url.hash)
      return
    }
    history.pushState(null, '', url.pathname + url.search + url.hash)
    this.handleLocation()
  }

  private openAuth(mode: AuthMode, path: EventTarget[]) {
    this.returnPath = path
    // The dialog renders, open, once its chunk is in.
    this.loadChunk('auth')
    this.auth = { open: true, mode }
  }

  private async closeAuth() {
    this.auth = { ...this.auth, open: false }
    await this.updateComplete
    // The control that opened the dialog may be gone (signing in replaces it): focus the
    // nearest thing still there that can take it, such as the thread's new composer.
    for (const target of this.returnPath) {
      if (!(target instanceof HTMLElement) || !target.isConnected) continue
      if ('focusAfterSignIn' in target && typeof target.focusAfterSignIn === 'function') {
        await (target.focusAfterSignIn as () => Promise<void> | void).call(target)
        return
      }
      if (target.matches('button:not([disabled]), a[href], input:not([disabled]), textarea')) {
        target.focus()
        return
      }
    }
    this.main.focus()
  }

  /** The skip link moves focus past the header and the seminar's or moderators' bars, to the essay. */
  private skip(e: Event) {
    e.preventDefault()
    this.renderRoot.querySelector('mg-essay')?.focusTitle()
  }

  private async changeLocale(locale: Locale) {
    await this.localization.set(locale)
    this.requestUpdate()
    announce(this.context, locale === 'de' ? 'Sprache: Deutsch' : 'Language: English')
  }

  private renderAccount(state: AppState) {
    const user = state.user
    if (user === undefined) return nothing
    const who = user
      ? html`<span class="user"><span class="vh">${msg('Signed in as')} </span><span aria-hidden="true">●</span> ${user.username}</span>`
      : nothing
    const controls = user
      ? html`<button class="btn quiet" @click=${() => (user.guest ? this.renderRoot.querySelector('mg-leave-dialog')?.show() : this.dispatchEvent(new MgSignOutEvent()))}>${msg('Sign out')}</button>`
      : html`<button class="btn quiet" @click=${(e: Event) => this.openAuth('login', e.composedPath())}>${msg('Sign in')}</button>
          <button class="btn" @click=${(e: Event) => this.openAuth('register', e.composedPath())}>${msg('Register')}</button>`
    if (!this.phone.matches) return html`${who} ${controls}`
    // On a phone the header keeps one line: the account's controls open from a menu.
    return html`<div class="menu">
      <button class="btn menu-toggle" aria-expanded=${this.menu ? 'true' : 'false'} aria-controls="account-menu" @click=${() => (this.menu = !this.menu)}>
        ${user ? who : msg('Account')}
      </button>
      <div class="panel" id="account-menu" ?hidden=${!this.menu}>${controls}</div>
    </div>`
  }

  private renderView(state: AppState) {
    if (this.route.view === 'list') {
      return html`<mg-debate-list .debates=${state.debates.list} status=${state.debates.status} .user=${state.user ?? null}></mg-debate-list>`
    }
    if (this.route.view === 'join') {
      return this.ready('seminar')
        ? html`<mg-join code=${this.route.code} .user=${state.user} ?left=${location.search === '?left'}></mg-join>`
        : html`<p class="status" aria-busy="true">${msg('Loading…')}</p>`
    }
    // The record stands alone: the tools that steer the debate are where it is read.
    // (It says itself that it is loading, as soon as its chunk is in.)
    if (this.route.record)
      return this.ready('record') ? html`<mg-record debate=${this.route.slug} .record=${state.record}></mg-record>` : nothing
    const role = state.debate?.info?.role
    const admin = state.user?.isAdmin ?? false
    const leader = role === 'owner' || role === 'moderator' || admin
    const bar =
      (role === 'owner' || role === 'moderator') && this.ready('moderator')
        ? html`<mg-moderation-bar debate=${state.debate?.slug ?? ''} ?can-appoint=${role === 'owner' || admin} ?admin=${admin} .moderation=${state.moderation} .settings=${state.debate?.info?.settings ?? null} .blocks=${state.debate?.essay?.blocks ?? []} .members=${state.members.members}></mg-moderation-bar>`
        : nothing
    const seminar = state.debate?.info?.seminar ?? null
    const room = state.seminar.room
    const blocks = state.debate?.essay?.blocks ?? []
    const leaderPanel =
      seminar && leader && this.ready('leader')
        ? html`<mg-leader-panel debate=${state.debate?.slug ?? ''} .room=${room} .shownGroup=${state.seminar.shownGroup} .blocks=${blocks} .skewMs=${state.seminar.skewMs} ?can-appoint=${role === 'owner' || admin} .roster=${state.members.roster}></mg-leader-panel>`
        : nothing
    // Leaders follow the seminar in their own panel, which steers it.
    const seminarBar =
      seminar && !leader && this.ready('seminar')
        ? html`<mg-seminar-bar .seminarTitle=${state.debate?.info?.title ?? ''} .room=${room} .blocks=${blocks} .user=${state.user ?? null} .follow=${state.seminar.followLeader} .skewMs=${state.seminar.skewMs} .previous=${state.seminar.previous}></mg-seminar-bar>`
        : nothing
    return html`${bar}${leaderPanel}${seminarBar}<mg-essay
      .debate=${state.debate}
      .threads=${groupThreads(state.threads, state.seminar.shownGroup)}
      .open=${state.open}
      .user=${state.user ?? null}
      .highlight=${state.highlight}
      .live=${state.live}
      .phase=${room?.phase ?? seminar?.phase ?? null}
      .spotlight=${room?.spotlight ?? seminar?.spotlight ?? null}
      .follow=${state.seminar.followLeader}
    ></mg-essay>`
  }

  /**
   * What came while the reader was away, per paragraph, until dismissed: a notice over the
   * page's foot rather than in its bar, which it would crowd on a phone. The page's status
   * region announces the same.
   */
  private renderAway(state: AppState) {
    const away = state.live.away
    if (!away || this.route.view !== 'debate') return nothing
    const blocks = state.debate?.essay?.blocks ?? []
    return html`<aside class="away" aria-labelledby="away">
      <strong id="away">${msg('While you were away')}</strong>
      <ul>
        ${Object.entries(away).map(([anchor, change]) => html`<li><a href="#p-${anchor}">${awayLine(paragraphNumber(blocks, anchor), change)}</a></li>`)}
      </ul>
      <button class="btn quiet" @click=${() => this.dispatchEvent(new MgDismissAwayEvent())}>${msg('Dismiss')}</button>
    </aside>`
  }

  /** The projector: the seminar for the whole room, without the page's header and footer. */
  private renderProjector(state: AppState) {
    const essay = state.debate?.essay
    if (!essay || !this.ready('leader')) return html`<p class="status" aria-busy="true">${msg('Loading…')}</p>`
    return html`<mg-projector debate=${state.debate?.slug ?? ''} .room=${state.seminar.room} .blocks=${essay.blocks} .essayTitle=${essay.title} .skewMs=${state.seminar.skewMs}></mg-projector>`
  }

  override render() {
    const state = this.context.store.state
    if (this.route.view === 'debate' && this.route.projector) {
      return html`<main @click=${this.handleClick} @mg-want-groups=${this.wantGroups}>${this.renderProjector(state)}
        <div class="vh" role="status" aria-live="polite" aria-atomic="true">${state.announcement?.text ?? ''}</div>
      </main>`
    }
    return html`<div class="page" @click=${this.handleClick}>
      <header class="bar">
        ${this.route.view === 'debate' && !this.route.record ? html`<a class="skip" href="#main" @click=${this.skip}>${msg('Skip to the essay')}</a>` : nothing}
        <a class="brand" href="/">Marginalia</a>
        <div class="tools">
          ${
            this.route.view === 'debate'
              ? html`<mg-live-status ?compact=${this.phone.matches} connection=${state.live.connection} .online=${state.live.online}></mg-live-status>`
              : nothing
          }
          <mg-language-switch locale=${this.localization.locale}></mg-language-switch>
          <div class="account" role="group" aria-label=${msg('Account')}>${this.renderAccount(state)}</div>
        </div>
      </header>
      <main id="main" tabindex="-1" @mg-want-groups=${this.wantGroups}>
        ${this.renderView(state)}
        <div class="vh" role="status" aria-live="polite" aria-atomic="true">${state.announcement?.text ?? ''}</div>
      </main>
      <footer>
        <p>${msg('Marginalia · essays debated paragraph by paragraph')}</p>
      </footer>
      ${this.renderAway(state)}
      ${this.ready('seminar') ? html`<mg-leave-dialog></mg-leave-dialog>` : nothing}
      ${
        this.ready('auth')
          ? html`<mg-auth-dialog .mode=${this.auth.mode} ?open=${this.auth.open} @mg-dismiss=${this.closeAuth}></mg-auth-dialog>`
          : nothing
      }
    </div>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'mg-app': MgApp
  }
}
