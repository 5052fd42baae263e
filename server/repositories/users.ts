/**
 * Accounts: creation, lookup by name regardless of case, and password checks (Argon2id).
 */
import { hash, verify } from '@node-rs/argon2'
import { and, eq, isNull, sql, type SQL } from 'drizzle-orm'
import type { DB, Tx } from '../../db/client.ts'
import { users } from '../../db/schema.ts'
import { ASCII_FOLDS } from '../policy/names.ts'

export type UserRow = typeof users.$inferSelect

export interface PublicUser {
  id: number
  username: string
  isAdmin: boolean
  /** Joined one seminar with a display name only; takes part there alone. */
  guest: boolean
}

// A hash of a random password, verified when the name is unknown, so that a failed login
// takes as long whether or not the account exists.
let decoyHash: Promise<string> | undefined

export class UsernameTakenError extends Error {}

export class UsersRepository {
  constructor(private readonly db: DB) {}

  static toPublic(user: UserRow): PublicUser {
    return { id: user.id, username: user.username, isAdmin: user.isAdmin, guest: user.guestDebateId !== null }
  }

  async create(username: string, password: string, options: { isAdmin?: boolean } = {}): Promise<UserRow> {
    const passwordHash = await hashPassword(password)
    const usernameKey = keyOf(username)
    const [row] = await this.db.transaction((tx) =>
      tx
        .insert(users)
        .values({ username, usernameKey, passwordHash, isAdmin: options.isAdmin ?? false })
        .onConflictDoNothing()
        .returning(),
    )
    if (!row) throw new UsernameTakenError(`The name "${username}" is taken`)
    return row
  }

  async byId(id: number): Promise<UserRow | undefined> {
    const [row] = await this.db.select().from(users).where(eq(users.id, id))
    return row
  }

  async byName(username: string): Promise<UserRow | undefined> {
    const [row] = await this.db
      .select()
      .from(users)
      .where(eq(users.usernameKey, keyOf(username)))
    return row
  }

  /** The account (never a guest) whose name has this skeleton (see policy/names.ts), if any. */
  accountLike(skeleton: string): Promise<UserRow | undefined> {
    return UsersRepository.accountLike(this.db, skeleton)
  }

  static async accountLike(db: Tx, skeleton: string): Promise<UserRow | undefined> {
    // Account names are ASCII, so their skeleton is their key with the ASCII folds applied.
    const folded = ASCII_FOLDS.reduce<SQL>((inner, [from, to]) => sql`replace(${inner}, ${from}, ${to})`, sql`${users.usernameKey}`)
    const [row] = await db
      .select()
      .from(users)
      .where(and(isNull(users.guestDebateId), eq(folded, skeleton)))
      .limit(1)
    return row
  }

  /** The user when name and password match and the account may sign in; otherwise undefined. */
  async authenticate(username: string, password: string): Promise<UserRow | undefined> {
    const user = await this.byName(username)
    if (!user?.passwordHash) {
      await verify(await (decoyHash ??= hashPassword(crypto.randomUUID())), password).catch(() => false)
      return undefined
    }
    const ok = await verify(user.passwordHash, password).catch(() => false)
    return ok && user.bannedAt === null ? user : undefined
  }

  async setAdmin(id: number, isAdmin: boolean): Promise<void> {
    await this.db.transaction(async (tx) => void (await tx.update(users).set({ isAdmin }).where(eq(users.id, id))))
  }
}

function keyOf(username: string): string {
  return username.toLowerCase()
}

// Algorithm.Argon2id; the package exports it as a const enum, which isolated modules cannot read.
const ARGON2ID = 2

function hashPassword(password: string): Promise<string> {
  return hash(password, { algorithm: ARGON2ID })
}
