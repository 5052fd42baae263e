import { defineConfig } from 'drizzle-kit'

// The Postgres migrations, generated from db/schema.pg.ts (the tables of db/schema.ts as Postgres declares them).
export default defineConfig({
  dialect: 'postgresql',
  schema: './db/schema.pg.ts',
  out: './migrations/postgres',
  casing: 'snake_case',
})
