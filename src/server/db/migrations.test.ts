import { getTableConfig } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { migrate, openDatabase, rowsOf, schemaVersion } from './connect';
import { MIGRATIONS } from './migrations';
import { schema } from './schema';

type Column = { table_name: string; column_name: string; data_type: string; is_nullable: string };

async function columns(db: Awaited<ReturnType<typeof openDatabase>>['db']) {
  const rows = rowsOf<Column>(await db.execute(sql`SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> 'schema_migrations' ORDER BY table_name, column_name`));
  return rows.map((r) => `${r.table_name}.${r.column_name} ${r.data_type} ${r.is_nullable === 'YES' ? 'null' : 'not null'}`);
}

describe('the server database’s migrations', () => {
  it('the SQL migrations create exactly the tables and columns the typed schema declares', async () => {
    const d = await openDatabase({ dir: 'memory:' });
    await migrate(d.db);
    const declared = Object.values(schema)
      .flatMap((t) => {
        const c = getTableConfig(t);
        return c.columns.map((col) => `${c.name}.${col.name} ${col.getSQLType().replace(/^timestamp with time zone$/, 'timestamp with time zone')} ${col.notNull ? 'not null' : 'null'}`);
      })
      .sort();
    const actual = (await columns(d.db)).map((s) => s.replace(' timestamp with time zone', ' timestamp with time zone')).sort();
    const norm = (s: string) => s.replace(/ bigint /, ' bigint ').replace(/ timestamp with time zone /, ' timestamptz ').replace(/ timestamp\(\d\) with time zone /, ' timestamptz ');
    expect(actual.map(norm)).toEqual(declared.map(norm));
    await d.close();
  });

  it.each(MIGRATIONS.slice(0, -1).map((m) => [m.version]))('goes up from version %i to the newest, keeping what was stored', async (from) => {
    const d = await openDatabase({ dir: 'memory:' });
    await migrate(d.db, MIGRATIONS.filter((m) => m.version <= from));
    expect(await schemaVersion(d.db)).toBe(from);
    await d.db.execute(sql`INSERT INTO users (id, name, password_hash) VALUES ('u1', 'kept', 'h')`);
    const r = await migrate(d.db);
    expect(r).toEqual({ from, to: MIGRATIONS.at(-1)!.version });
    const fresh = await openDatabase({ dir: 'memory:' });
    await migrate(fresh.db);
    expect(await columns(d.db)).toEqual(await columns(fresh.db));
    expect(rowsOf<{ name: string }>(await d.db.execute(sql`SELECT name FROM users`))).toEqual([{ name: 'kept' }]);
    await Promise.all([d.close(), fresh.close()]);
  });

  it('runs again harmlessly, and refuses a database newer than the server', async () => {
    const d = await openDatabase({ dir: 'memory:' });
    await migrate(d.db);
    expect(await migrate(d.db)).toEqual({ from: MIGRATIONS.at(-1)!.version, to: MIGRATIONS.at(-1)!.version });
    await d.db.execute(sql`INSERT INTO schema_migrations (version, name) VALUES (999, 'from the future')`);
    await expect(migrate(d.db)).rejects.toThrow(/schema version 999, newer than this server knows/);
    await d.close();
  });

  it('a migration cut half-way leaves the previous version intact, and the next start completes it', async () => {
    const d = await openDatabase({ dir: 'memory:' });
    const broken = MIGRATIONS.map((m) => (m.version === 2 ? { ...m, statements: [...m.statements, 'SELECT no_such_function()'] } : m));
    await expect(migrate(d.db, broken)).rejects.toBeTruthy();
    expect(await schemaVersion(d.db)).toBe(1);
    const tables = rowsOf<{ n: number }>(await d.db.execute(sql`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name = 'pipeline_versions'`));
    expect(tables[0]!.n).toBe(0);
    expect(await migrate(d.db)).toEqual({ from: 1, to: MIGRATIONS.at(-1)!.version });
    await d.close();
  });
});
