import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';

/**
 * Privacy invariant 5: answers carry no user id, participation token, Slack id,
 * timestamp or ordered id. These models may only hold what is listed here; adding a
 * column to them is a privacy decision, so it must fail this test and be argued in
 * docs/privacy.md first.
 */
const ALLOWED: Record<string, string[]> = {
  Answer: ['id', 'cycleId', 'cycle', 'values'],
  Comment: ['id', 'cycleId', 'cycle', 'text'],
  Participation: ['cycleId', 'cycle', 'tag'],
  ReminderMark: ['cycleId', 'cycle', 'tag'],
};

// Names that would smell of identity, time or order even if someone extended the list above.
const IDENTITY_LIKE =
  /user|slack|member|person|email|token|ip|time|date|(^|[a-z])At$|ts$|order|seq|index|created|updated|submitted|author|delivery/i;

async function modelFields(model: string): Promise<{ name: string; line: string }[]> {
  const schema = await readFile('prisma/schema.prisma', 'utf8');
  const body = new RegExp(`^model ${model} \\{([^}]*)\\}`, 'm').exec(schema)?.[1];
  if (!body) throw new Error(`model ${model} not found`);
  return body
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('//') && !l.startsWith('///') && !l.startsWith('@@'))
    .map((line) => ({ name: line.split(/\s+/)[0]!, line }));
}

describe('the answer model carries no identity', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.drop();
  });

  it.each(Object.keys(ALLOWED))('%s declares only the allowed fields in schema.prisma', async (model) => {
    const fields = await modelFields(model);
    expect(fields.map((f) => f.name).sort()).toEqual([...ALLOWED[model]!].sort());
    for (const field of fields) {
      if (field.name === 'cycleId' || field.name === 'cycle') continue;
      expect(field.name, `${model}.${field.name} looks like identity, time or order`).not.toMatch(
        IDENTITY_LIKE,
      );
      // No generated ids or timestamps: @default(autoincrement()/now()/uuid(7)/cuid) all encode order.
      expect(field.line, `${model}.${field.name} has a generated default`).not.toMatch(/@default|@updatedAt/);
    }
  });

  it.each(Object.keys(ALLOWED))('%s has exactly those columns in the migrated database', async (model) => {
    const columns = await db.sql.query<{ column_name: string; column_default: string | null }>(
      `SELECT column_name, column_default FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1`,
      [model],
    );
    const expected = ALLOWED[model]!.filter((f) => f !== 'cycle');
    expect(columns.map((c) => c.column_name).sort()).toEqual([...expected].sort());
    expect(columns.filter((c) => c.column_default !== null)).toEqual([]);
  });

  it('keeps no index that would order answers or comments by anything but their random id', async () => {
    const indexes = await db.sql.query<{ tablename: string; indexdef: string }>(
      `SELECT tablename, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename IN ('Answer', 'Comment')`,
    );
    for (const index of indexes) expect(index.indexdef).toMatch(/\((id|"id")\)$/);
  });
});
