import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { MIGRATIONS_DIR, readMigrations } from '../../src/db/migrate.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';

/**
 * Reads prisma/schema.prisma the way a reviewer does: every model, every scalar field
 * with its type, optionality and list-ness, and every enum. The test then asserts the
 * freshly migrated database has exactly these columns with matching PostgreSQL types,
 * so schema and migrations cannot drift apart unnoticed.
 */
interface FieldSpec {
  model: string;
  field: string;
  type: string;
  optional: boolean;
  list: boolean;
  nativeType?: string;
}

async function parseSchema(): Promise<{ fields: FieldSpec[]; enums: Map<string, string[]> }> {
  const text = await readFile(path.resolve('prisma/schema.prisma'), 'utf8');
  const enums = new Map<string, string[]>();
  for (const match of text.matchAll(/^enum (\w+) \{([^}]*)\}/gm)) {
    enums.set(
      match[1]!,
      match[2]!
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l && !l.startsWith('//')),
    );
  }
  const models = [...text.matchAll(/^model (\w+) \{([^}]*)\}/gm)].map((m) => ({ name: m[1]!, body: m[2]! }));
  const modelNames = new Set(models.map((m) => m.name));
  const fields: FieldSpec[] = [];
  for (const model of models) {
    for (const raw of model.body.split('\n')) {
      const line = raw.trim();
      if (!line || line.startsWith('//') || line.startsWith('@@')) continue;
      const [field, typeToken] = line.split(/\s+/);
      if (!field || !typeToken) continue;
      const base = typeToken.replace(/[?[\]]/g, '');
      if (modelNames.has(base)) continue; // relation field, no column
      const nativeType = /@db\.(\w+)/.exec(line)?.[1];
      fields.push({
        model: model.name,
        field,
        type: base,
        optional: typeToken.endsWith('?'),
        list: typeToken.endsWith('[]'),
        ...(nativeType ? { nativeType } : {}),
      });
    }
  }
  return { fields, enums };
}

function expectedUdt(spec: FieldSpec): string {
  if (spec.nativeType === 'Uuid') return 'uuid';
  const scalar: Record<string, string> = {
    String: 'text',
    Int: 'int4',
    Float: 'float8',
    Boolean: 'bool',
    DateTime: 'timestamp',
    Json: 'jsonb',
    Bytes: 'bytea',
  };
  const udt = scalar[spec.type] ?? spec.type; // enums keep their own type name
  return spec.list ? `_${udt}` : udt;
}

describe('prisma/schema.prisma and prisma/migrations', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('creates every model field as a column of the matching type and nullability', async () => {
    const { fields } = await parseSchema();
    const columns = await db.sql.query<{
      table_name: string;
      column_name: string;
      udt_name: string;
      is_nullable: string;
    }>(
      `SELECT table_name, column_name, udt_name, is_nullable FROM information_schema.columns
       WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'`,
    );
    const byKey = new Map(columns.map((c) => [`${c.table_name}.${c.column_name}`, c]));
    expect(fields.length).toBeGreaterThan(50);
    for (const spec of fields) {
      const column = byKey.get(`${spec.model}.${spec.field}`);
      expect(column, `${spec.model}.${spec.field} is missing from the database`).toBeDefined();
      expect(column?.udt_name, `${spec.model}.${spec.field} type`).toBe(expectedUdt(spec));
      // Prisma stores scalar lists as NOT NULL-less arrays; optional scalars are nullable.
      if (!spec.list) {
        expect(column?.is_nullable, `${spec.model}.${spec.field} nullability`).toBe(
          spec.optional ? 'YES' : 'NO',
        );
      }
    }
    const declared = new Set(fields.map((f) => `${f.model}.${f.field}`));
    const extra = columns.map((c) => `${c.table_name}.${c.column_name}`).filter((k) => !declared.has(k));
    expect(extra, 'columns in the database that the schema does not declare').toEqual([]);
  });

  it('creates every enum with the declared values in order', async () => {
    const { enums } = await parseSchema();
    const rows = await db.sql.query<{ typname: string; labels: string[] | string }>(
      `SELECT t.typname, array_agg(e.enumlabel ORDER BY e.enumsortorder) AS labels
       FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid GROUP BY t.typname`,
    );
    const actual = new Map(
      rows.map((r) => [
        r.typname,
        Array.isArray(r.labels) ? r.labels : String(r.labels).replace(/[{}]/g, '').split(','),
      ]),
    );
    for (const [name, values] of enums) expect(actual.get(name), name).toEqual(values);
  });

  it('records each applied migration in _prisma_migrations the way Prisma does', async () => {
    const migrations = await readMigrations(MIGRATIONS_DIR);
    const rows = await db.sql.query<{
      migration_name: string;
      checksum: string;
      finished_at: Date | null;
      applied_steps_count: number;
    }>(
      'SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name',
    );
    expect(rows.map((r) => r.migration_name)).toEqual(migrations.map((m) => m.name));
    for (const [i, row] of rows.entries()) {
      expect(row.checksum).toBe(migrations[i]!.checksum);
      expect(row.checksum).toMatch(/^[0-9a-f]{64}$/);
      expect(row.finished_at).not.toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }
  });

  it('is a no-op when run again and refuses a migration edited after it was applied', async () => {
    const reopened = await openDatabase({ databaseUrl: db.url });
    await reopened.close();
    const rows = await db.sql.query<{ n: string }>('SELECT count(*)::text AS n FROM "_prisma_migrations"');
    expect(Number(rows[0]!.n)).toBe((await readMigrations()).length);

    await db.sql.query(
      `UPDATE "_prisma_migrations" SET checksum = repeat('0', 64) WHERE migration_name = $1`,
      [(await readMigrations())[0]!.name],
    );
    await expect(openDatabase({ databaseUrl: db.url })).rejects.toThrow(/edited after it was applied/);
  });

  it('migrates the embedded PGlite database to the same tables', async () => {
    const embedded = await openDatabase({ dataDir: 'memory://' });
    try {
      const pgliteTables = await embedded.sql.query<{ table_name: string }>(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
      );
      const pgTables = await db.sql.query<{ table_name: string }>(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
      );
      expect(pgliteTables.map((t) => t.table_name)).toEqual(pgTables.map((t) => t.table_name));
      const workspace = await embedded.prisma.workspace.create({ data: { slackTeamId: 'T_EMBEDDED' } });
      expect(workspace.minRespondents).toBe(5);
    } finally {
      await embedded.close();
    }
  });
});
