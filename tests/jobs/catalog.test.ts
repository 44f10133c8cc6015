import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { JOBS } from '../../src/jobs/catalog.js';
import { assertValidJobId, type JobSpec } from '../../src/queue/job-definition.js';

/** Two different valid payloads per job: ids must follow the payload, and only the payload. */
function payloads(spec: JobSpec<unknown>): [unknown, unknown] {
  const uuid = () => randomUUID();
  switch (spec.name) {
    case 'cycle-open':
      return [{ teamId: uuid() }, { teamId: uuid() }];
    case 'checkin-deliver':
    case 'checkin-remind':
      return [{ deliveryId: uuid() }, { deliveryId: uuid() }];
    case 'cycle-remind':
    case 'cycle-close':
    case 'cycle-aggregate':
      return [{ cycleId: uuid() }, { cycleId: uuid() }];
    case 'summary-post':
    case 'comments-post':
      return [{ summaryId: uuid() }, { summaryId: uuid() }];
    case 'lead-notice': {
      const base = { teamId: uuid(), slackUserId: 'U0LEAD01', notice: 'too_small', eligible: 3 };
      return [
        { ...base, roundKey: '2026-W48' },
        { ...base, roundKey: '2026-W49' },
      ];
    }
    case 'retention-purge':
      return [{}, {}];
    default:
      throw new Error(`no sample payloads for ${spec.name}: add them here`);
  }
}

const specs = Object.values(JOBS) as JobSpec<unknown>[];

describe('the job catalog', () => {
  it('names every job once, in kebab-case', () => {
    const names = specs.map((s) => s.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it.each(specs.map((s) => [s.name, s] as const))(
    '%s: the id is deterministic, colon-free, valid for BullMQ and follows the payload',
    (_name, spec) => {
      const [a, b] = payloads(spec);
      expect(spec.schema.parse(a)).toEqual(a);
      const id = spec.jobId(spec.schema.parse(a));
      expect(spec.jobId(structuredClone(spec.schema.parse(a)))).toBe(id);
      expect(id).not.toContain(':');
      expect(() => assertValidJobId(id)).not.toThrow();
      expect(id.startsWith(spec.name)).toBe(true);
      const other = spec.jobId(spec.schema.parse(b));
      if (spec.name === 'retention-purge')
        expect(other).toBe(id); // one purge at a time
      else expect(other).not.toBe(id);
    },
  );

  it('gives each lead one notice per round and reason, whatever else the payload says', () => {
    const payload = {
      teamId: randomUUID(),
      slackUserId: 'U0LEAD01',
      notice: 'too_small' as const,
      roundKey: '2026-W48',
      eligible: 3,
    };
    expect(JOBS.leadNotice.jobId({ ...payload, eligible: 4 })).toBe(JOBS.leadNotice.jobId(payload));
    expect(JOBS.leadNotice.jobId({ ...payload, slackUserId: 'U0LEAD02' })).not.toBe(
      JOBS.leadNotice.jobId(payload),
    );
  });

  it('refuses payloads that would make a bad id', () => {
    expect(JOBS.cycleClose.schema.safeParse({ cycleId: 'a:b' }).success).toBe(false);
    expect(
      JOBS.leadNotice.schema.safeParse({
        ...(payloads(JOBS.leadNotice as never)[0] as object),
        roundKey: '48',
      }).success,
    ).toBe(false);
  });
});
