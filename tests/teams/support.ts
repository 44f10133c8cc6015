import type { TeamSettings } from '../../src/teams/team-settings.js';

export { nextCheckinAt, raiseWorkspaceK, saveTeamSettings } from '../../src/teams/team-settings.js';

/** Valid team settings with the given overrides. */
export function settingsOf(overrides: Partial<TeamSettings> = {}): TeamSettings {
  return {
    name: 'Team',
    sourceChannelId: 'CSOURCE0001',
    sourceUsergroupId: null,
    summaryChannelId: 'CSUMMARY001',
    leads: [],
    cadence: 'weekly',
    weekday: 2,
    hour: 10,
    timezone: 'Europe/Berlin',
    responseWindowHours: 72,
    commentsEnabled: false,
    ...overrides,
  };
}
