/**
 * What the seminar benchmark's two servers announce to the runner besides their port: the
 * seminar to join and steer, and how to reach it. The REST paths are the API's own
 * (`/api/join`, `…/spotlight`, `…/polls`, `/api/polls/:id/vote|close`, `…/comments`) on both
 * servers, so the runner drives them alike.
 */
export interface SeminarTargets {
  /** The seminar's slug. */
  slug: string
  /** The code participants join with. */
  joinCode: string
  /** The seminar's paragraphs, in reading order. */
  anchors: string[]
  /** Headers of the leader's calls: the leader's session cookie and the origin. */
  leaderHeaders: Record<string, string>
  /** The `Origin` every write and every socket presents. */
  origin: string
  livePath: string
  /** The first frame a socket sends, if the server needs one before it delivers events. */
  subscribe?: Record<string, unknown>
}
