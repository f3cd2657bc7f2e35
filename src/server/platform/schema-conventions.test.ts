import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestDatabase } from '../test/support.js';
import type { Database } from './db.js';

/**
 * The schema conventions, enforced as eVaka does: singular table names, uuid primary keys named
 * id, timestamptz (never timestamp without time zone), text (never varchar/char), an index on every
 * foreign key, created_at and updated_at on every table (the append-only access log has no updated_at).
 */
let database: Database;
beforeAll(async () => { database = await createTestDatabase({ demo: false }); });
afterAll(async () => { await database.close(); });

const APPEND_ONLY = new Set(['access_log', 'access_log_checkpoint']);
const IGNORED = new Set(['kysely_migration', 'kysely_migration_lock']);

async function tables(): Promise<string[]> {
  const r = await sql<{ table_name: string }>`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`.execute(database.db);
  return r.rows.map((x) => x.table_name).filter((n) => !IGNORED.has(n));
}

describe('schema conventions', () => {
  it('has tables to check', async () => {
    expect((await tables()).length).toBeGreaterThanOrEqual(15);
  });

  it('names tables in the singular', async () => {
    const plural = (await tables()).filter((n) => /s$/.test(n) && !/(status|address)$/.test(n));
    expect(plural).toEqual([]);
  });

  it('gives every table a uuid primary key named id', async () => {
    const r = await sql<{ table_name: string; column_name: string; data_type: string }>`
      select tc.table_name, kcu.column_name, c.data_type
      from information_schema.table_constraints tc
      join information_schema.key_column_usage kcu on kcu.constraint_name = tc.constraint_name and kcu.table_schema = tc.table_schema
      join information_schema.columns c on c.table_schema = tc.table_schema and c.table_name = tc.table_name and c.column_name = kcu.column_name
      where tc.table_schema = 'public' and tc.constraint_type = 'PRIMARY KEY'`.execute(database.db);
    for (const table of await tables()) {
      const pk = r.rows.filter((x) => x.table_name === table);
      expect(pk.map((x) => `${x.column_name}:${x.data_type}`), table).toEqual(['id:uuid']);
    }
  });

  it('uses timestamptz and text only', async () => {
    const r = await sql<{ table_name: string; column_name: string; data_type: string }>`
      select table_name, column_name, data_type from information_schema.columns
      where table_schema = 'public' and data_type in ('timestamp without time zone', 'character varying', 'character', 'time with time zone')`.execute(database.db);
    expect(r.rows.filter((x) => !IGNORED.has(x.table_name))).toEqual([]);
  });

  it('has created_at and updated_at on every table', async () => {
    const r = await sql<{ table_name: string; column_name: string; data_type: string }>`
      select table_name, column_name, data_type from information_schema.columns
      where table_schema = 'public' and column_name in ('created_at', 'updated_at')`.execute(database.db);
    for (const table of await tables()) {
      const cols = r.rows.filter((x) => x.table_name === table);
      const expected = APPEND_ONLY.has(table) ? ['created_at'] : ['created_at', 'updated_at'];
      expect(cols.map((c) => c.column_name).sort(), table).toEqual(expected);
      for (const c of cols) expect(c.data_type, `${table}.${c.column_name}`).toBe('timestamp with time zone');
    }
  });

  it('indexes every foreign key', async () => {
    const r = await sql<{ table_name: string; column_name: string; indexed: boolean }>`
      select cl.relname as table_name, a.attname as column_name,
             exists (select 1 from pg_index i where i.indrelid = c.conrelid and i.indkey[0] = c.conkey[1]) as indexed
      from pg_constraint c
      join pg_class cl on cl.oid = c.conrelid
      join pg_namespace n on n.oid = cl.relnamespace
      join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
      where c.contype = 'f' and n.nspname = 'public'`.execute(database.db);
    expect(r.rows.length).toBeGreaterThan(10);
    expect(r.rows.filter((x) => !x.indexed).map((x) => `${x.table_name}.${x.column_name}`)).toEqual([]);
  });

  it('has pg_trgm and the Finnish, Swedish and English text search configurations', async () => {
    const r = await sql<{ fi: string; sv: string; en: string; sim: number }>`
      select to_tsvector('finnish', 'asumisneuvonnan')::text as fi,
             to_tsvector('swedish', 'bostadsrådgivningen')::text as sv,
             to_tsvector('english', 'housing advice')::text as en,
             similarity('velkaneuvonta', 'velkaneuvonnan') as sim`.execute(database.db);
    const row = r.rows[0]!;
    expect(row.fi).toContain('asumisneuvon');
    expect(row.sv).toContain('bostadsrådgivning');
    expect(row.en).toContain('hous');
    expect(row.sim).toBeGreaterThan(0.5);
  });
});
