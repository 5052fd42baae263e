/**
 * Every table of Marginalia. Foreign keys are declared on the columns; the repositories join
 * tables in their queries, so no relational query API is configured.
 *
 * An essay is a sequence of blocks (headings and paragraphs) with anchors that survive
 * re-imports. A debate is one group's discussion of one essay: comments, votes and
 * positions belong to a debate, so several groups can argue about the same essay apart.
 * Every change to a debate is also appended to its event log (`events`), in the same
 * transaction, so live clients can resume exactly where they left off.
 *
 * Times are stored as milliseconds since the epoch.
 */
import { sql } from 'drizzle-orm'
import { type AnySQLiteColumn, index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'

export const STANCES = ['pro', 'contra', 'neutral'] as const
export const POSITIONS = ['pro', 'contra', 'undecided'] as const
export const BLOCK_KINDS = ['heading', 'paragraph'] as const
export const DEBATE_STATES = ['open', 'locked'] as const
export const VISIBILITIES = ['public', 'private'] as const
export const MEMBER_ROLES = ['owner', 'moderator', 'participant'] as const
export const COMMENT_STATUSES = ['published', 'pending', 'returned'] as const
export const FLAG_REASONS = ['off-topic', 'insulting', 'spam', 'other'] as const
export const QUEUE_KINDS = ['flagged', 'held', 'outdated'] as const
export const WATCH_ACTIONS = ['block', 'hold', 'censor'] as const
export const SEMINAR_PHASES = ['reading', 'private', 'open', 'closed'] as const
export const POLL_STATUSES = ['open', 'closed'] as const
export const SPEAKER_KINDS = ['argument', 'reply', 'question', 'order'] as const
export const SPEAKER_STATUSES = ['waiting', 'speaking', 'done', 'withdrawn'] as const
export const GRADING_MODES = ['scaled', 'all-or-nothing'] as const
export const GROUP_STATES = ['forming', 'working', 'plenum'] as const

export type Stance = (typeof STANCES)[number]
export type Position = (typeof POSITIONS)[number]
export type BlockKind = (typeof BLOCK_KINDS)[number]
export type MemberRole = (typeof MEMBER_ROLES)[number]
export type CommentStatus = (typeof COMMENT_STATUSES)[number]
export type FlagReason = (typeof FLAG_REASONS)[number]
export type QueueKind = (typeof QUEUE_KINDS)[number]
export type WatchAction = (typeof WATCH_ACTIONS)[number]
export type SeminarPhase = (typeof SEMINAR_PHASES)[number]
export type PollStatus = (typeof POLL_STATUSES)[number]
export type SpeakerKind = (typeof SPEAKER_KINDS)[number]
export type SpeakerStatus = (typeof SPEAKER_STATUSES)[number]
export type GradingMode = (typeof GRADING_MODES)[number]
export type GroupState = (typeof GROUP_STATES)[number]

const now = sql`(cast(unixepoch('subsec') * 1000 as integer))`

export const users = sqliteTable(
  'users',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    username: text('username').notNull(),
    // The unique key: names are unique regardless of case.
    usernameKey: text('username_key').notNull(),
    passwordHash: text('password_hash'),
    isAdmin: integer('is_admin', { mode: 'boolean' }).notNull().default(false),
    bannedAt: integer('banned_at'),
    // A guest: joined one seminar with a display name only, no password; takes part there alone.
    guestDebateId: integer('guest_debate_id').references((): AnySQLiteColumn => debates.id, { onDelete: 'cascade' }),
    createdAt: integer('created_at').notNull().default(now),
  },
  (t) => [uniqueIndex('users_username_key_idx').on(t.usernameKey), index('users_guest_debate_id_idx').on(t.guestDebateId)],
)

export const sessions = sqliteTable(
  'sessions',
  {
    // SHA-256 of the cookie token: a stolen database does not yield usable sessions.
    id: text('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: integer('created_at').notNull(),
    lastSeenAt: integer('last_seen_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
  },
  (t) => [index('sessions_user_id_idx').on(t.userId)],
)

export const essays = sqliteTable(
  'essays',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    slug: text('slug').notNull(),
    title: text('title').notNull(),
    // SHA-256 of the imported source: re-importing an identical file changes nothing.
    sourceHash: text('source_hash').notNull(),
    createdAt: integer('created_at').notNull().default(now),
    updatedAt: integer('updated_at').notNull().default(now),
  },
  (t) => [uniqueIndex('essays_slug_idx').on(t.slug)],
)

export const blocks = sqliteTable(
  'blocks',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    essayId: integer('essay_id')
      .notNull()
      .references(() => essays.id, { onDelete: 'cascade' }),
    anchor: text('anchor').notNull(),
    kind: text('kind', { enum: BLOCK_KINDS }).notNull(),
    text: text('text').notNull(),
    // Reading order among current blocks; null once the block left the essay.
    position: integer('position'),
    // Set when a re-import removed or rewrote the block; its row and text stay.
    removedAt: integer('removed_at'),
  },
  (t) => [
    uniqueIndex('blocks_essay_id_anchor_idx').on(t.essayId, t.anchor),
    index('blocks_essay_id_position_idx').on(t.essayId, t.position),
  ],
)

export const debates = sqliteTable(
  'debates',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    slug: text('slug').notNull(),
    title: text('title').notNull(),
    essayId: integer('essay_id')
      .notNull()
      .references(() => essays.id),
    state: text('state', { enum: DEBATE_STATES }).notNull().default('open'),
    visibility: text('visibility', { enum: VISIBILITIES }).notNull().default('public'),
    // The newest event's sequence number; the next event gets seq + 1.
    seq: integer('seq').notNull().default(0),
    // At most one comment per this many seconds per participant; 0 is off.
    slowModeSeconds: integer('slow_mode_seconds').notNull().default(0),
    // New comments wait for a moderator's approval.
    preModeration: integer('pre_moderation', { mode: 'boolean' }).notNull().default(false),
    // Flags from this many distinct readers hide a comment until reviewed.
    flagThreshold: integer('flag_threshold').notNull().default(3),
    // Seminars only (null for an ordinary debate): the phase the leader has set.
    phase: text('phase', { enum: SEMINAR_PHASES }),
    // Participants see each other as pseudonyms; the leaders see real names.
    anonymous: integer('anonymous', { mode: 'boolean' }).notNull().default(false),
    // The paragraph the leader has focused, or null.
    spotlight: text('spotlight'),
    // The current join code (shown to the leaders, so stored as it is) and when it expires.
    joinCode: text('join_code'),
    joinCodeExpiresAt: integer('join_code_expires_at'),
    // The speaker's timebox, when one runs.
    timerStartedAt: integer('timer_started_at'),
    timerEndsAt: integer('timer_ends_at'),
    // A seminar's small groups: forming (the leader may reshuffle), working (each participant
    // sees only their group), plenum (all is seen, labelled by group); null: no groups.
    groups: text('groups', { enum: GROUP_STATES }),
    createdAt: integer('created_at').notNull().default(now),
  },
  (t) => [uniqueIndex('debates_slug_idx').on(t.slug), uniqueIndex('debates_join_code_idx').on(t.joinCode)],
)

export const seminarGroups = sqliteTable(
  'seminar_groups',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    debateId: integer('debate_id')
      .notNull()
      .references(() => debates.id, { onDelete: 'cascade' }),
    // Its place among the debate's groups, from 0: its letter (A, B, …, Z, AA, …).
    position: integer('position').notNull(),
    createdAt: integer('created_at').notNull().default(now),
  },
  (t) => [uniqueIndex('seminar_groups_debate_id_position_idx').on(t.debateId, t.position)],
)

export const debateMembers = sqliteTable(
  'debate_members',
  {
    debateId: integer('debate_id')
      .notNull()
      .references(() => debates.id, { onDelete: 'cascade' }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role', { enum: MEMBER_ROLES }).notNull().default('participant'),
    // Muted members read but cannot post, vote or take positions until then.
    mutedUntil: integer('muted_until'),
    // In an anonymous seminar: the stable name peers see instead of the real one.
    pseudonym: text('pseudonym'),
    // The name the leader gave the member in this debate, shown instead of the account's.
    displayName: text('display_name'),
    // The small group the member is in, while the seminar has groups.
    groupId: integer('group_id').references(() => seminarGroups.id, { onDelete: 'set null' }),
    createdAt: integer('created_at').notNull().default(now),
  },
  (t) => [primaryKey({ columns: [t.debateId, t.userId] }), index('debate_members_user_id_idx').on(t.userId)],
)

export const comments = sqliteTable(
  'comments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    debateId: integer('debate_id')
      .notNull()
      .references(() => debates.id, { onDelete: 'cascade' }),
    // The paragraph the comment is shown under.
    blockId: integer('block_id')
      .notNull()
      .references(() => blocks.id),
    parentId: integer('parent_id').references((): AnySQLiteColumn => comments.id),
    depth: integer('depth').notNull().default(0),
    authorId: integer('author_id')
      .notNull()
      .references(() => users.id),
    body: text('body').notNull(),
    stance: text('stance', { enum: STANCES }).notNull(),
    votes: integer('votes').notNull().default(0),
    clientKey: text('client_key'),
    createdAt: integer('created_at').notNull(),
    editedAt: integer('edited_at'),
    deletedAt: integer('deleted_at'),
    // The paragraph's wording the comment answered, kept once a re-import changed it.
    outdatedText: text('outdated_text'),
    // pending: waits for approval (pre-moderation, a watched word); returned: sent back for revision.
    status: text('status', { enum: COMMENT_STATUSES }).notNull().default('published'),
    statusReason: text('status_reason'),
    hiddenAt: integer('hidden_at'),
    hiddenReason: text('hidden_reason'),
    pinnedAt: integer('pinned_at'),
    // Removed for good (legal removal): the body is gone, a tombstone stays.
    removedAt: integer('removed_at'),
    // Written during group work: the author's group, which alone saw it until the plenum.
    groupId: integer('group_id').references(() => seminarGroups.id, { onDelete: 'set null' }),
  },
  (t) => [
    index('comments_debate_id_block_id_created_at_idx').on(t.debateId, t.blockId, t.createdAt),
    index('comments_parent_id_idx').on(t.parentId),
    index('comments_block_id_idx').on(t.blockId),
    uniqueIndex('comments_author_id_client_key_idx').on(t.authorId, t.clientKey),
  ],
)

export const commentVersions = sqliteTable(
  'comment_versions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    commentId: integer('comment_id')
      .notNull()
      .references(() => comments.id, { onDelete: 'cascade' }),
    body: text('body').notNull(),
    // When this wording was replaced.
    replacedAt: integer('replaced_at').notNull(),
  },
  (t) => [index('comment_versions_comment_id_idx').on(t.commentId)],
)

export const commentVotes = sqliteTable(
  'comment_votes',
  {
    commentId: integer('comment_id')
      .notNull()
      .references(() => comments.id, { onDelete: 'cascade' }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: integer('created_at').notNull().default(now),
  },
  (t) => [primaryKey({ columns: [t.commentId, t.userId] }), index('comment_votes_user_id_idx').on(t.userId)],
)

export const positions = sqliteTable(
  'positions',
  {
    debateId: integer('debate_id')
      .notNull()
      .references(() => debates.id, { onDelete: 'cascade' }),
    blockId: integer('block_id')
      .notNull()
      .references(() => blocks.id),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    stance: text('stance', { enum: POSITIONS }).notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.debateId, t.blockId, t.userId] }),
    index('positions_debate_id_block_id_stance_idx').on(t.debateId, t.blockId, t.stance),
  ],
)

// Every position a reader ever took, so a seminar can compare before and after.
export const positionChanges = sqliteTable(
  'position_changes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    debateId: integer('debate_id')
      .notNull()
      .references(() => debates.id, { onDelete: 'cascade' }),
    blockId: integer('block_id')
      .notNull()
      .references(() => blocks.id),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    stance: text('stance', { enum: POSITIONS }).notNull(),
    at: integer('at').notNull(),
  },
  (t) => [index('position_changes_debate_id_user_id_idx').on(t.debateId, t.userId)],
)

// The debate's sequenced event log; `seq` starts at 1 per debate and grows by one.
export const events = sqliteTable(
  'events',
  {
    debateId: integer('debate_id')
      .notNull()
      .references(() => debates.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    type: text('type').notNull(),
    // The event's fields besides type, debate and seq, as JSON.
    payload: text('payload').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.debateId, t.seq] })],
)

export const paragraphLocks = sqliteTable(
  'paragraph_locks',
  {
    debateId: integer('debate_id')
      .notNull()
      .references(() => debates.id, { onDelete: 'cascade' }),
    blockId: integer('block_id')
      .notNull()
      .references(() => blocks.id),
    lockedBy: integer('locked_by').references(() => users.id),
    lockedAt: integer('locked_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.debateId, t.blockId] })],
)

export const flags = sqliteTable(
  'flags',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    commentId: integer('comment_id')
      .notNull()
      .references(() => comments.id, { onDelete: 'cascade' }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    reason: text('reason', { enum: FLAG_REASONS }).notNull(),
    note: text('note'),
    createdAt: integer('created_at').notNull(),
    // Set when a moderator reviewed the comment; cleared flags no longer count.
    resolvedAt: integer('resolved_at'),
  },
  (t) => [
    uniqueIndex('flags_comment_id_user_id_idx').on(t.commentId, t.userId),
    index('flags_user_id_created_at_idx').on(t.userId, t.createdAt),
  ],
)

// What waits for a moderator: flagged, held (pre-moderation, watched words, returned and
// revised) and outdated comments. One open item per comment.
export const moderationQueue = sqliteTable(
  'moderation_queue',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    debateId: integer('debate_id')
      .notNull()
      .references(() => debates.id, { onDelete: 'cascade' }),
    commentId: integer('comment_id')
      .notNull()
      .references(() => comments.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: QUEUE_KINDS }).notNull(),
    createdAt: integer('created_at').notNull(),
    resolvedAt: integer('resolved_at'),
    resolution: text('resolution'),
  },
  (t) => [
    index('moderation_queue_debate_id_resolved_at_idx').on(t.debateId, t.resolvedAt),
    index('moderation_queue_comment_id_idx').on(t.commentId),
  ],
)

// Every moderation action: who, what, on what, why, when, and the content as it was.
export const moderationLog = sqliteTable(
  'moderation_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    debateId: integer('debate_id').references(() => debates.id, { onDelete: 'cascade' }),
    actorId: integer('actor_id')
      .notNull()
      .references(() => users.id),
    action: text('action').notNull(),
    targetType: text('target_type', { enum: ['comment', 'user', 'paragraph', 'debate', 'word'] }).notNull(),
    targetId: text('target_id').notNull(),
    reason: text('reason'),
    // JSON: the target as it was at that moment.
    snapshot: text('snapshot'),
    at: integer('at').notNull(),
  },
  (t) => [index('moderation_log_debate_id_at_idx').on(t.debateId, t.at)],
)

// Watched words of one debate, or site-wide when debateId is null.
export const watchedWords = sqliteTable(
  'watched_words',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    debateId: integer('debate_id').references(() => debates.id, { onDelete: 'cascade' }),
    pattern: text('pattern').notNull(),
    action: text('action', { enum: WATCH_ACTIONS }).notNull(),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('watched_words_debate_id_idx').on(t.debateId)],
)

// Each paragraph's argument counts, kept by triggers on `comments` (see the migration
// paragraph_counts_triggers): a comment counts while it is published, not deleted, not hidden
// and not removed; pro, contra and neutral count top-level arguments only. Posting then reads
// one row instead of scanning the paragraph's thread.
export const paragraphCounts = sqliteTable(
  'paragraph_counts',
  {
    debateId: integer('debate_id')
      .notNull()
      .references(() => debates.id, { onDelete: 'cascade' }),
    blockId: integer('block_id')
      .notNull()
      .references(() => blocks.id),
    comments: integer('comments').notNull().default(0),
    pro: integer('pro').notNull().default(0),
    contra: integer('contra').notNull().default(0),
    neutral: integer('neutral').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.debateId, t.blockId] })],
)

// Stance polls of a seminar, on one paragraph or (anchor null) on the whole essay. A poll may be
// the "after" round of an earlier one (`beforeId`), so its result shows who changed side.
export const polls = sqliteTable(
  'polls',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    debateId: integer('debate_id')
      .notNull()
      .references(() => debates.id, { onDelete: 'cascade' }),
    blockId: integer('block_id').references(() => blocks.id),
    beforeId: integer('before_id').references((): AnySQLiteColumn => polls.id),
    status: text('status', { enum: POLL_STATUSES }).notNull().default('open'),
    openedBy: integer('opened_by').references(() => users.id),
    openedAt: integer('opened_at').notNull(),
    closedAt: integer('closed_at'),
  },
  (t) => [index('polls_debate_id_opened_at_idx').on(t.debateId, t.openedAt)],
)

export const pollVotes = sqliteTable(
  'poll_votes',
  {
    pollId: integer('poll_id')
      .notNull()
      .references(() => polls.id, { onDelete: 'cascade' }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    stance: text('stance', { enum: POSITIONS }).notNull(),
    // Why the voter changed side since the "before" round; one line.
    reason: text('reason'),
    votedAt: integer('voted_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.pollId, t.userId] })],
)

// The speaker queue: raised hands on paragraphs; points of order go to the front.
export const speakerQueue = sqliteTable(
  'speaker_queue',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    debateId: integer('debate_id')
      .notNull()
      .references(() => debates.id, { onDelete: 'cascade' }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    blockId: integer('block_id')
      .notNull()
      .references(() => blocks.id),
    kind: text('kind', { enum: SPEAKER_KINDS }).notNull(),
    status: text('status', { enum: SPEAKER_STATUSES }).notNull().default('waiting'),
    raisedAt: integer('raised_at').notNull(),
    calledAt: integer('called_at'),
    doneAt: integer('done_at'),
  },
  (t) => [index('speaker_queue_debate_id_status_idx').on(t.debateId, t.status)],
)

// What earns full marks in a seminar, as its leader set it, and when the marks were released.
export const gradingRules = sqliteTable('grading_rules', {
  debateId: integer('debate_id')
    .primaryKey()
    .references(() => debates.id, { onDelete: 'cascade' }),
  arguments: integer('arguments').notNull(),
  replies: integer('replies').notNull(),
  mode: text('mode', { enum: GRADING_MODES }).notNull(),
  // The mark of full marks (e.g. 10 points, or 100 for percent).
  points: integer('points').notNull(),
  // Participants see their marks from then on; null: not released.
  releasedAt: integer('released_at'),
  updatedAt: integer('updated_at').notNull(),
})

// A leader's word on one participant's mark: an adjusted mark (null keeps the computed one) and a comment.
export const grades = sqliteTable(
  'grades',
  {
    debateId: integer('debate_id')
      .notNull()
      .references(() => debates.id, { onDelete: 'cascade' }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    adjusted: real('adjusted'),
    comment: text('comment'),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.debateId, t.userId] })],
)
