import { describe, expect, it } from 'vitest';
import { validateModal } from '../../src/slack/block-kit-limits.js';
import { TeamSettingsSchema } from '../../src/teams/team-settings.js';
import {
  COMMON_TIMEZONES,
  readSetupState,
  SETUP_BLOCKS,
  type SetupModalInput,
  type SetupState,
  setupModal,
  setupRefusedModal,
  setupSavedModal,
} from '../../src/views/setup-modal.js';

const NEW_TEAM: SetupModalInput = {
  cadence: 'biweekly',
  weekday: 2,
  hour: 10,
  timezone: 'UTC',
  responseWindowHours: 72,
  commentsEnabled: false,
  k: 5,
};

const EXISTING: SetupModalInput = {
  ...NEW_TEAM,
  teamId: '7b0c1f7e-3c0e-4c8e-9a52-5b8e2f4f0a11',
  name: 'Platform',
  sourceType: 'usergroup',
  sourceId: 'S0123ABCD',
  summaryChannelId: 'CSUMMARY001',
  leads: ['ULEAD1', 'ULEAD2'],
  timezone: 'America/Bogota',
  responseWindowHours: 30,
  commentsEnabled: true,
  k: 7,
};

type Block = { type: string; block_id?: string; element?: Record<string, unknown>; hint?: { text: string } };

function block(view: { blocks: unknown[] }, id: string): Block {
  return (view.blocks as Block[]).find((b) => b.block_id === id)!;
}

describe('setupModal', () => {
  it.each([
    ['a new team', NEW_TEAM],
    ['an existing team', EXISTING],
  ])('is within Slack’s modal limits for %s', (_what, input) => {
    expect(validateModal(setupModal(input))).toEqual([]);
  });

  it('has one input per setting, with explanations of what each means for anonymity', () => {
    const view = setupModal(NEW_TEAM);
    for (const id of Object.values(SETUP_BLOCKS)) expect(block(view, id), id).toBeDefined();
    const text = JSON.stringify(view.blocks);
    expect(text).toContain('A team under six members gets no summary of its own');
    expect(text).toContain('With fewer than five answers nothing is shown');
    expect(text).toContain('never see who answered');
    expect(block(view, SETUP_BLOCKS.sourceChannel).element).toMatchObject({ type: 'conversations_select' });
    expect(block(view, SETUP_BLOCKS.leads).element).toMatchObject({ type: 'multi_users_select' });
    expect(block(view, SETUP_BLOCKS.weekday).element?.options).toHaveLength(5);
    expect(block(view, SETUP_BLOCKS.hour).element?.options).toHaveLength(24);
    expect(block(view, SETUP_BLOCKS.timezone).element?.options).toHaveLength(COMMON_TIMEZONES.length + 1);
    expect(JSON.parse(view.private_metadata!)).toEqual({});
  });

  it('prefills an existing team, with an uncommon time zone under “other” and the window in hours', () => {
    const view = setupModal(EXISTING);
    expect(JSON.parse(view.private_metadata!)).toEqual({ teamId: EXISTING.teamId });
    expect(block(view, SETUP_BLOCKS.name).element).toMatchObject({ initial_value: 'Platform' });
    expect(block(view, SETUP_BLOCKS.sourceUsergroup).element).toMatchObject({ initial_value: 'S0123ABCD' });
    expect(block(view, SETUP_BLOCKS.sourceChannel).element).not.toHaveProperty('initial_conversation');
    expect(block(view, SETUP_BLOCKS.leads).element).toMatchObject({ initial_users: ['ULEAD1', 'ULEAD2'] });
    expect(block(view, SETUP_BLOCKS.timezone).element).toMatchObject({ initial_option: { value: 'other' } });
    expect(block(view, SETUP_BLOCKS.timezoneOther).element).toMatchObject({
      initial_value: 'America/Bogota',
    });
    expect(block(view, SETUP_BLOCKS.windowValue).element).toMatchObject({ initial_value: '30' });
    expect(block(view, SETUP_BLOCKS.windowUnit).element).toMatchObject({
      initial_option: { value: 'hours' },
    });
    expect(block(view, SETUP_BLOCKS.comments).element).toMatchObject({ initial_option: { value: 'on' } });
    expect(JSON.stringify(view.blocks)).toContain('at least seven people');
  });

  it('keeps a very long or hostile team name within the limits', () => {
    const view = setupModal({ ...EXISTING, name: `<!channel> ${'👩‍👩‍👧‍👦'.repeat(200)}` });
    expect(validateModal(view)).toEqual([]);
  });

  it('builds saved and refused modals within the limits', () => {
    expect(validateModal(setupSavedModal({ teamName: 'x'.repeat(5000), lines: ['a'.repeat(5000)] }))).toEqual(
      [],
    );
    expect(validateModal(setupRefusedModal('b'.repeat(5000)))).toEqual([]);
  });
});

describe('readSetupState', () => {
  const state = (values: Record<string, Record<string, unknown>>): SetupState =>
    Object.fromEntries(Object.entries(values).map(([id, v]) => [id, { [id]: v }]));

  it('reads a complete submission into values the settings rules accept', () => {
    const read = readSetupState(
      state({
        [SETUP_BLOCKS.name]: { value: '  Design  ' },
        [SETUP_BLOCKS.sourceChannel]: { selected_conversation: 'CDESIGN0001' },
        [SETUP_BLOCKS.leads]: { selected_users: ['ULEAD1'] },
        [SETUP_BLOCKS.cadence]: { selected_option: { value: 'weekly' } },
        [SETUP_BLOCKS.weekday]: { selected_option: { value: '5' } },
        [SETUP_BLOCKS.hour]: { selected_option: { value: '0' } },
        [SETUP_BLOCKS.timezone]: { selected_option: { value: 'Europe/Berlin' } },
        [SETUP_BLOCKS.windowValue]: { value: '14' },
        [SETUP_BLOCKS.windowUnit]: { selected_option: { value: 'days' } },
        [SETUP_BLOCKS.comments]: { selected_option: { value: 'off' } },
      }),
    );
    expect(read).toMatchObject({ name: 'Design', hour: 0, weekday: 5, responseWindowHours: 336 });
    expect(TeamSettingsSchema.parse(read)).toMatchObject({
      name: 'Design',
      sourceChannelId: 'CDESIGN0001',
      sourceUsergroupId: null,
      summaryChannelId: null,
      commentsEnabled: false,
    });
  });

  it('never guesses a missing value: an empty form fails on name, source, schedule and window', () => {
    const result = TeamSettingsSchema.safeParse(readSetupState({}));
    expect(result.success).toBe(false);
    const fields = new Set(result.error!.issues.map((i) => i.path[0]));
    for (const f of ['name', 'cadence', 'weekday', 'hour', 'timezone', 'responseWindowHours']) {
      expect(fields, f).toContain(f);
    }
  });

  it('refuses a channel and a user group together, and a malformed user group id', () => {
    const valid = {
      name: 'X',
      sourceChannelId: 'C1',
      sourceUsergroupId: null,
      summaryChannelId: null,
      leads: [],
      cadence: 'weekly',
      weekday: 1,
      hour: 9,
      timezone: 'UTC',
      responseWindowHours: 48,
      commentsEnabled: false,
    };
    expect(TeamSettingsSchema.safeParse(valid).success).toBe(true);
    const both = TeamSettingsSchema.safeParse({ ...valid, sourceUsergroupId: 'S0123' });
    expect(both.error!.issues.map((i) => i.path[0])).toEqual(['sourceUsergroupId']);
    const bad = TeamSettingsSchema.safeParse({
      ...valid,
      sourceChannelId: null,
      sourceUsergroupId: 'engineering',
    });
    expect(bad.error!.issues.map((i) => i.path[0])).toContain('sourceUsergroupId');
  });
});
