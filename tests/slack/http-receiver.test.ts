import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIMATE_HELP } from '../../src/handlers/commands/climate-command.js';
import { type StartedRuntime, startTestRuntime } from '../helpers/runtime.js';
import { postCommand, slackSignature, TEST_SIGNING_SECRET } from '../helpers/slack-requests.js';

const RESPONSE_URL = 'https://hooks.slack.com/commands/T0000000001/42/secret';

describe('the Bolt HTTP receiver on the embedded default', () => {
  let started: StartedRuntime;
  let middlewareCalls = 0;

  beforeAll(async () => {
    nock('https://slack.com')
      .post('/api/auth.test')
      .reply(200, { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T0000000001' });
    started = await startTestRuntime();
    // Counts every request that gets past the receiver into Bolt's listener chain.
    started.runtime.app!.use(async ({ next }) => {
      middlewareCalls += 1;
      await next();
    });
  });
  afterAll(async () => {
    await started?.stop();
  });

  it('answers /healthz with the database check', async () => {
    const response = await fetch(`${started.baseUrl}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', checks: { database: 'ok' } });
  });

  it('runs on PGlite and the in-process job runner when no services are configured', () => {
    expect(started.runtime.db.kind).toBe('pglite');
    const startedLine = started.logs().find((l) => l.includes('relational-climate started'));
    expect(JSON.parse(startedLine!)).toMatchObject({ database: 'pglite', jobs: 'in-process', role: 'all' });
  });

  describe('when a request is not signed by Slack', () => {
    it('rejects a bad signature with 401 and reaches no listener', async () => {
      const before = middlewareCalls;
      const response = await postCommand(
        started.baseUrl,
        {
          command: '/climate',
          text: 'help',
          user_id: 'U1',
          team_id: 'T0000000001',
          response_url: RESPONSE_URL,
        },
        { signature: slackSignature('not-the-secret', Math.floor(Date.now() / 1000), 'other body') },
      );
      expect(response.status).toBe(401);
      expect(middlewareCalls).toBe(before);
    });

    it('rejects a correctly signed request older than five minutes with 401', async () => {
      const before = middlewareCalls;
      const response = await postCommand(
        started.baseUrl,
        {
          command: '/climate',
          text: 'help',
          user_id: 'U1',
          team_id: 'T0000000001',
          response_url: RESPONSE_URL,
        },
        { timestamp: Math.floor(Date.now() / 1000) - 5 * 60 - 1 },
      );
      expect(response.status).toBe(401);
      expect(middlewareCalls).toBe(before);
    });
  });

  describe('when a signed /climate help arrives', () => {
    it('acknowledges and replies ephemerally through the response_url', async () => {
      let replied: unknown;
      const hook = nock('https://hooks.slack.com')
        .post('/commands/T0000000001/42/secret', (body) => {
          replied = body;
          return true;
        })
        .reply(200, 'ok');
      const before = middlewareCalls;
      const response = await postCommand(
        started.baseUrl,
        {
          command: '/climate',
          text: 'help',
          user_id: 'U1',
          team_id: 'T0000000001',
          response_url: RESPONSE_URL,
        },
        { secret: TEST_SIGNING_SECRET },
      );
      expect(response.status).toBe(200);
      await expect.poll(() => hook.isDone(), { timeout: 5_000 }).toBe(true);
      expect(replied).toMatchObject({ response_type: 'ephemeral', text: CLIMATE_HELP });
      expect(middlewareCalls).toBe(before + 1);
    });
  });
});
