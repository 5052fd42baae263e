import { localized, msg } from '@lit/localize'
import { html, LitElement, nothing, type PropertyValues } from 'lit'
import { customElement, property, query, state } from 'lit/decorators.js'
import type { MgAuthenticateEvent } from '../../events/authenticate.ts'
import type { MgChangeLocaleEvent } from '../../events/change-locale.ts'
import type { MgFollowLeaderEvent } from '../../events/follow-leader.ts'
import type { MgNavigateEvent } from '../../events/navigate.ts'
import type { SeminarCallEvent } from '../../events/seminar-call.ts'
import type { MgDeleteCommentEvent } from '../../events/delete-comment.ts'
import type { MgEditCommentEvent } from '../../events/edit-comment.ts'
import type { MgFlagEvent } from '../../events/flag.ts'
import type { MgLoadLogEvent } from '../../events/load-log.ts'
import type { MgLoadThreadEvent } from '../../events/load-thread.ts'
import type { MgModerateEvent } from '../../events/moderate.ts'
import type { ModeratorCallEvent } from '../../events/moderator-call.ts'
import type { MgPostCommentEvent } from '../../events/post-comment.ts'
import type { MgResolveQueueItemEvent } from '../../events/resolve-queue-item.ts'
import type { AuthMode, MgRequestSignInEvent } from '../../events/request-sign-in.ts'
import type { MgSetPositionEvent } from '../../events/set-position.ts'
import type { MgShowNewEvent } from '../../events/show-new.ts'
import type { MgTypingEvent } from '../../events/typing.ts'
import type { MgViewParagraphEvent } from '../../events/view-paragraph.ts'
import { MgSignOutEvent } from '../../events/sign-out.ts'
import type { MgToggleThreadEvent } from '../../events/toggle-thread.ts'
import type { MgUpdateSettingsEvent } from '../../events/update-settings.ts'
import type { MgVoteEvent } from '../../events/vote.ts'
import { paragraphNumber, type LiveConnection } from '../../services/live.ts'
import type { Locale, Localization } from '../../services/locale.ts'
import type { Actions } from '../../state/actions.ts'
import { StoreController } from '../../state/controller.ts'
import type { AppState, Store } from '../../state/store.ts'
import '../mg-auth-dialog/mg-auth-dialog.ts'
import '../mg-debate-list/mg-debate-list.ts'
import '../mg-essay/mg-essay.ts'
import '../mg-language-switch/mg-language-switch.ts'
import '../mg-live-status/mg-live-status.ts'
import '../mg-moderation-bar/mg-moderation-bar.ts'
import { styles } from './mg-app.styles.ts'

/** The events of the moderators' views, each a ModeratorCallEvent that knows its own request. */
const MODERATOR_CALLS = ['mg-load-members', 'mg-change-member', 'mg-load-watched-words', 'mg-watch-word', 'mg-unwatch-word', 'mg-leader-call'] as const

/** The events of the seminar's participant views, each a SeminarCallEvent that knows its own request. */
const SEMINAR_CALLS = ['mg-join', 'mg-load-join-preview', 'mg-create-seminar', 'mg-poll-vote', 'mg-raise-hand', 'mg-lower-hand'] as const

export type Route = { view: 'list' } | { view: 'debate'; slug: string; projector: boolean } | { view: 'join'; code: string }

/** `/d/<debate>`, its projector view `/d/<debate>/projector`, the join page `/join/<code>`, or the list of debates. */
export function parseRoute(path: string): Route {
  const debate = /^\/d\/([a-z0-9][a-z0-9-]{0,63})(\/projector)?\/?$/.exec(path)
  if (debate?.[1]) return { view: 'debate', slug: debate[1], projector: Boolean(debate[2]) }
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
 * The page: header with the account and language controls, the routed view (the list of
 * debates or a debate's essay), the sign-in dialog and the status messages for screen
 * readers. It owns routing and deep links, and turns the elements' events into actions.
 *
 * @summary Marginalia's root element.
 */
@customElement('mg-app')
@localized()
export class MgApp extends LitElement {
  static override styles = styles

  /** The application state. */
  @property({ attribute: false }) store!: Store
  /** What the page can do (API calls recorded in the store). */
  @property({ attribute: false }) actions!: Actions
  /** The interface language. */
  @property({ attribute: false }) localization!: Localization
  /** The live connection (absent in tests that render the page without one). */
  @property({ attribute: false }) live: LiveConnection | null = null

  @state() private route: Route = parseRoute(location.pathname)
  @state() private auth: { open: boolean; mode: AuthMode } = { open: false, mode: 'login' }
  /** The lazy chunks loaded so far: the participants' seminar views, the leaders' views. */
  @state() private chunks: { seminar: boolean; leader: boolean } = { seminar: false, leader: false }

  @query('main') private main!: HTMLElement

  private data: StoreController<AppState> | null = null
  /** The paragraph in the middle of the screen. */
  private viewing: string | null = null
  /** Where the sign-in dialog was asked for, to return focus there (or nearby) after it. */
  private returnPath: EventTarget[] = []

  constructor() {
    super()
    this.addEventListener('mg-toggle-thread', (e: MgToggleThreadEvent) => {
      void this.actions.toggleThread(e.anchor, e.open)
      this.focusLive()
    })
    this.addEventListener('mg-view-paragraph', (e: MgViewParagraphEvent) => {
      this.viewing = e.anchor
      this.focusLive()
    })
    this.addEventListener('mg-show-new', (e: MgShowNewEvent) => this.actions.showUnseen(e.anchor))
    this.addEventListener('mg-typing', (e: MgTypingEvent) => this.live?.typing(e.anchor, e.stance))
    this.addEventListener('mg-load-thread', (e: MgLoadThreadEvent) => void this.actions.loadThread(e.anchor))
    this.addEventListener('mg-post-comment', (e: MgPostCommentEvent) => e.respondWith(this.actions.post(e.anchor, e.input)))
    this.addEventListener('mg-edit-comment', (e: MgEditCommentEvent) => e.respondWith(this.actions.edit(e.commentId, e.body)))
    this.addEventListener('mg-delete-comment', (e: MgDeleteCommentEvent) => e.respondWith(this.actions.remove(e.commentId)))
    this.addEventListener('mg-vote', (e: MgVoteEvent) => void this.actions.vote(e.commentId, e.value))
    this.addEventListener('mg-load-queue', () => void this.actions.loadQueue())
    this.addEventListener('mg-load-log', (e: MgLoadLogEvent) => e.respondWith(this.actions.log(e.action)))
    this.addEventListener('mg-update-settings', (e: MgUpdateSettingsEvent) => e.respondWith(this.actions.updateSettings(e.patch)))
    this.addEventListener('mg-flag', (e: MgFlagEvent) => e.respondWith(this.actions.flag(e.commentId, e.reason, e.note)))
    this.addEventListener('mg-moderate', (e: MgModerateEvent) => e.respondWith(this.actions.moderate(e.commentId, e.action, e.reason)))
    this.addEventListener('mg-resolve-queue-item', (e: MgResolveQueueItemEvent) =>
      e.respondWith(this.actions.resolve(e.itemId, e.action, e.reason, e.anchor)),
    )
    for (const type of MODERATOR_CALLS) this.addEventListener(type, (e: ModeratorCallEvent<unknown>) => e.respondWith(this.actions.moderatorCall(e)))
    this.addEventListener('mg-set-position', (e: MgSetPositionEvent) => void this.actions.setPosition(e.anchor, e.stance))
    this.addEventListener('mg-request-sign-in', (e: MgRequestSignInEvent) => this.openAuth(e.mode, e.composedPath()))
    this.addEventListener('mg-authenticate', (e: MgAuthenticateEvent) =>
      e.respondWith(this.actions.authenticate(e.mode, e.username, e.password)),
    )
    this.addEventListener('mg-sign-out', () => void this.actions.signOut())
    this.addEventListener('mg-change-locale', (e: MgChangeLocaleEvent) => void this.changeLocale(e.locale as Locale))
    this.addEventListener('mg-navigate', (e: MgNavigateEvent) => this.navigate(e.path))
    for (const type of SEMINAR_CALLS) {
      this.addEventListener(type, (e: SeminarCallEvent<unknown>) =>
        e.respondWith(
          this.actions.seminarCall(e).then((result) => {
            const path = e.destination(result)
            if (path) this.navigate(path)
            return result
          }),
        ),
      )
    }
    this.addEventListener('mg-follow-leader', (e: MgFollowLeaderEvent) => this.actions.setFollowLeader(e.follow))
  }

  override connectedCallback(): void {
    super.connectedCallback()
    this.data ??= new StoreController(this, this.store, (s) => s)
    window.addEventListener('popstate', this.handleLocation)
    window.addEventListener('hashchange', this.handleHash)
    void this.actions.loadSession()
    void this.enter(this.route)
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback()
    window.removeEventListener('popstate', this.handleLocation)
    window.removeEventListener('hashchange', this.handleHash)
  }

  protected override willUpdate(): void {
    this.loadChunks(this.store.state)
  }

  protected override updated(changed: PropertyValues): void {
    const state = this.store.state
    const title =
      this.route.view === 'debate' && state.debate?.essay ? `${state.debate.essay.title} · Marginalia` : msg('Debates · Marginalia')
    if (document.title !== title) document.title = title
    if (changed.has('route')) window.scrollTo(0, 0)
  }

  private async enter(route: Route): Promise<void> {
    if (route.view === 'debate') {
      await this.actions.loadDebate(route.slug)
      if (location.hash) await this.actions.followHash(location.hash)
    } else if (route.view === 'list') {
      await this.actions.loadDebates()
    }
  }

  /** The seminar's views load only for seminars: the participants' bar, and the leaders' panel and projector. */
  private loadChunks(state: AppState) {
    const info = state.debate?.info
    // The join page and the form that starts a seminar come with the participants' views.
    const account = Boolean(state.user && !state.user.guest)
    const leads = info?.role === 'owner' || info?.role === 'moderator' || (state.user?.isAdmin ?? false)
    const wanted =
      this.route.view === 'join' || (this.route.view === 'list' && account) || (this.route.view === 'debate' && !this.route.projector && info?.seminar && !leads)
    if (wanted && !this.chunks.seminar) {
      this.chunks = { ...this.chunks, seminar: true }
      void import('../../views/seminar/seminar-views.ts')
    }
    // Elements render before their chunk arrives; they upgrade, properties kept, once it has.
    if (this.route.view === 'debate' && info?.seminar && (leads || this.route.projector) && !this.chunks.leader) {
      this.chunks = { ...this.chunks, leader: true }
      void import('../../views/leader/leader-views.ts')
    }
  }

  private navigate(path: string) {
    history.pushState(null, '', path)
    this.handleLocation()
  }

  private handleLocation = () => {
    const route = parseRoute(location.pathname)
    if (samePage(route, this.route)) {
      this.route = route
      if (location.hash) void this.actions.followHash(location.hash)
      return
    }
    this.route = route
    void this.enter(route)
  }

  private handleHash = () => {
    if (location.hash) void this.actions.followHash(location.hash)
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
      void this.actions.followHash(url.hash)
      return
    }
    history.pushState(null, '', url.pathname + url.search + url.hash)
    this.handleLocation()
  }

  /** Presence follows what is being read: the thread opened last, else the paragraph in view. */
  private focusLive() {
    this.live?.focus(this.store.state.open.at(-1) ?? this.viewing)
  }

  private openAuth(mode: AuthMode, path: EventTarget[]) {
    this.returnPath = path
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

  private async changeLocale(locale: Locale) {
    await this.localization.set(locale)
    this.requestUpdate()
    this.actions.announce(locale === 'de' ? 'Sprache: Deutsch' : 'Language: English')
  }

  private renderAccount(state: AppState) {
    const user = state.user
    if (user === undefined) return nothing
    if (user) {
      return html`<span class="user"><span class="vh">${msg('Signed in as')} </span><span aria-hidden="true">●</span> ${user.username}</span>
        <button class="btn quiet" @click=${() => this.dispatchEvent(new MgSignOutEvent())}>${msg('Sign out')}</button>`
    }
    return html`<button class="btn quiet" @click=${(e: Event) => this.openAuth('login', e.composedPath())}>${msg('Sign in')}</button>
      <button class="btn" @click=${(e: Event) => this.openAuth('register', e.composedPath())}>${msg('Register')}</button>`
  }

  private renderView(state: AppState) {
    if (this.route.view === 'list') {
      return html`<mg-debate-list .debates=${state.debates.list} status=${state.debates.status} .user=${state.user ?? null}></mg-debate-list>`
    }
    if (this.route.view === 'join') return html`<mg-join code=${this.route.code} .user=${state.user}></mg-join>`
    const role = state.debate?.info?.role
    const admin = state.user?.isAdmin ?? false
    const leader = role === 'owner' || role === 'moderator' || admin
    const bar =
      role === 'owner' || role === 'moderator'
        ? html`<mg-moderation-bar debate=${state.debate?.slug ?? ''} ?can-appoint=${role === 'owner' || admin} ?admin=${admin} .moderation=${state.moderation} .settings=${state.debate?.info?.settings ?? null} .blocks=${state.debate?.essay?.blocks ?? []}></mg-moderation-bar>`
        : nothing
    const seminar = state.debate?.info?.seminar ?? null
    const room = state.seminar.room
    const blocks = state.debate?.essay?.blocks ?? []
    const leaderPanel =
      seminar && leader && this.chunks.leader
        ? html`<mg-leader-panel debate=${state.debate?.slug ?? ''} .room=${room} .blocks=${blocks} .skewMs=${state.seminar.skewMs} ?can-appoint=${role === 'owner' || admin} .memberChanges=${state.moderation.memberChanges}></mg-leader-panel>`
        : nothing
    // Leaders follow the seminar in their own panel, which steers it.
    const seminarBar =
      seminar && !leader && this.chunks.seminar
        ? html`<mg-seminar-bar .room=${room} .blocks=${blocks} .user=${state.user ?? null} .follow=${state.seminar.followLeader} .skewMs=${state.seminar.skewMs} .previous=${state.seminar.previous}></mg-seminar-bar>`
        : nothing
    return html`${bar}${leaderPanel}${seminarBar}<mg-essay
      .debate=${state.debate}
      .threads=${state.threads}
      .open=${state.open}
      .user=${state.user ?? null}
      .highlight=${state.highlight}
      .live=${state.live}
      .phase=${room?.phase ?? seminar?.phase ?? null}
      .spotlight=${room?.spotlight ?? seminar?.spotlight ?? null}
      .follow=${state.seminar.followLeader}
    ></mg-essay>`
  }

  /** The projector: the seminar for the whole room, without the page's header and footer. */
  private renderProjector(state: AppState) {
    const essay = state.debate?.essay
    if (!essay || !this.chunks.leader) return html`<p class="status" aria-busy="true">${msg('Loading…')}</p>`
    return html`<mg-projector debate=${state.debate?.slug ?? ''} .room=${state.seminar.room} .blocks=${essay.blocks} .essayTitle=${essay.title} .skewMs=${state.seminar.skewMs}></mg-projector>`
  }

  override render() {
    const state = this.store.state
    if (this.route.view === 'debate' && this.route.projector) {
      return html`<main @click=${this.handleClick}>${this.renderProjector(state)}
        <div class="vh" role="status" aria-live="polite" aria-atomic="true">${state.announcement?.text ?? ''}</div>
      </main>`
    }
    return html`<div class="page" @click=${this.handleClick}>
      <header class="bar">
        <a class="brand" href="/">Marginalia</a>
        <div class="tools">
          ${this.route.view === 'debate'
            ? html`<mg-live-status
                connection=${state.live.connection}
                .online=${state.live.online}
                .away=${state.live.away}
                .numberOf=${(anchor: string) => paragraphNumber(state, anchor)}
                @mg-dismiss=${() => this.actions.dismissAway()}
              ></mg-live-status>`
            : nothing}
          <mg-language-switch locale=${this.localization.locale}></mg-language-switch>
          <div class="account" role="group" aria-label=${msg('Account')}>${this.renderAccount(state)}</div>
        </div>
      </header>
      <main id="main" tabindex="-1">
        ${this.renderView(state)}
        <div class="vh" role="status" aria-live="polite" aria-atomic="true">${state.announcement?.text ?? ''}</div>
      </main>
      <footer>
        <p>${msg('Marginalia · essays debated paragraph by paragraph')}</p>
      </footer>
      <mg-auth-dialog
        .mode=${this.auth.mode}
        ?open=${this.auth.open}
        @mg-dismiss=${this.closeAuth}
      ></mg-auth-dialog>
    </div>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'mg-app': MgApp
  }
}
