import { mkdirSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { MIGRATIONS, type Migration } from './migrations';
import { schema } from './schema';

/** The queries' view of either database: Drizzle over PGlite or over node-postgres, same schema. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  close(): Promise<void>;
}

/**
 * Opens the server's database: PostgreSQL at `url` when given (DATABASE_URL), otherwise an embedded
 * PostgreSQL (PGlite) kept in `dir` — or in memory when `dir` is `memory:` (tests).
 */
export async function openDatabase(opts: { url?: string; dir: string }): Promise<Database> {
  if (opts.url) {
    const { Pool } = await import('pg');
    const { drizzle } = await import('drizzle-orm/node-postgres');
    const pool = new Pool({ connectionString: opts.url, max: 10 });
    const db = drizzle(pool, { schema }) as unknown as Db;
    return { db, kind: 'postgres', close: () => pool.end() };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  if (opts.dir !== 'memory:') mkdirSync(opts.dir, { recursive: true });
  const client = new PGlite(opts.dir === 'memory:' ? undefined : opts.dir);
  const db = drizzle(client, { schema }) as unknown as Db;
  return { db, kind: 'pglite', close: () => client.close() };
}

/** The schema version the database is at (0: empty). */
export async function schemaVersion(db: Db): Promise<number> {
  await db.execute(sql.raw(`CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`));
  const rows = await db.execute<{ v: number | null }>(sql`SELECT max(version) AS v FROM schema_migrations`);
  return Number(rowsOf<{ v: number | null }>(rows)[0]?.v ?? 0);
}

/**
 * Brings the database up to the newest schema, one migration per transaction. Safe to run from two
 * processes at once (an advisory lock serialises them) and after a crash mid-migration (the transaction
 * that was cut is rolled back; the next start runs that migration again). A database newer than this
 * server is refused rather than guessed at.
 */
export async function migrate(db: Db, migrations: Migration[] = MIGRATIONS): Promise<{ from: number; to: number }> {
  const from = await schemaVersion(db);
  const newest = migrations.at(-1)?.version ?? 0;
  if (from > newest) throw new Error(`The database is at schema version ${from}, newer than this server knows (${newest}). Run a newer Jimu, or point --data / DATABASE_URL at this version's database.`);
  for (const m of migrations) {
    await db.transaction(async (tx) => {
      await tx.execute(sql`SELECT pg_advisory_xact_lock(4242001)`);
      const done = rowsOf<{ n: number }>(await tx.execute(sql`SELECT count(*)::int AS n FROM schema_migrations WHERE version = ${m.version}`))[0]?.n ?? 0;
      if (Number(done) > 0) return;
      for (const s of m.statements) await tx.execute(sql.raw(s));
      await tx.execute(sql`INSERT INTO schema_migrations (version, name) VALUES (${m.version}, ${m.name})`);
    });
  }
  return { from, to: await schemaVersion(db) };
}

/** Rows of a raw `execute`: node-postgres and PGlite both answer `{ rows }`. */
export function rowsOf<T>(result: unknown): T[] {
  const r = result as { rows?: T[] } | T[];
  return Array.isArray(r) ? r : (r.rows ?? []);
}
