/**
 * `npm run user -- create <name> [--admin]`: creates an account; the password is read from
 * standard input (first line), so it never appears in the shell history.
 */
import { createInterface } from 'node:readline'
import { parseArgs } from 'node:util'
import { openDatabase } from '../../db/client.ts'
import { loadConfig } from '../config.ts'
import { createRepositories } from '../repositories/index.ts'
import { UsernameTakenError } from '../repositories/users.ts'

const USAGE = 'usage: npm run user -- create <name> [--admin]   (password on standard input)'

const { positionals, values } = parseArgs({ allowPositionals: true, options: { admin: { type: 'boolean' } } })
const [command, name] = positionals
if (command !== 'create' || !name) {
  console.error(USAGE)
  process.exit(2)
}
if (!/^[A-Za-z0-9_.-]{3,32}$/.test(name)) {
  console.error('The name must be 3–32 characters of A–Z, a–z, 0–9, _ . -')
  process.exit(2)
}
if (process.stdin.isTTY) process.stderr.write('Password: ')
const password = await firstLine()
if (password.length < 8 || password.length > 256) {
  console.error('The password must be 8–256 characters')
  process.exit(2)
}

const config = loadConfig()
const db = await openDatabase(config.databaseUrl ?? config.databasePath)
const repos = createRepositories(db, config)
try {
  const user = await repos.users.create(name, password, { isAdmin: values.admin ?? false })
  console.log(`Created ${user.isAdmin ? 'admin' : 'user'} "${user.username}" (id ${user.id}).`)
} catch (err) {
  if (err instanceof UsernameTakenError) {
    console.error(err.message)
    process.exit(1)
  }
  throw err
} finally {
  await db.close()
}

async function firstLine(): Promise<string> {
  const lines = createInterface({ input: process.stdin })
  for await (const line of lines) {
    lines.close()
    return line
  }
  return ''
}
