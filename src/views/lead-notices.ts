/** Private DMs to team leads about their team's check-ins. */

/** Why no check-in went out: the team is below the minimum size for results of its own. */
export function teamTooSmallText(input: { teamName: string; eligible: number; minTeamSize: number }): string {
  const { teamName, eligible, minTeamSize } = input;
  return (
    `No check-in went out for *${teamName}*: its channel or user group has ${eligible} eligible ` +
    `member${eligible === 1 ? '' : 's'}, and a team needs at least ${minTeamSize} before it gets ` +
    'results of its own, so that no answer can be traced to a person. Teams this small roll up into their parent group; ' +
    'an HR admin can set that up.'
  );
}

/** The bot was removed from the channel where these teams' summaries are posted. */
export function summaryChannelLostText(channelId: string, teamNames: string[]): string {
  const names = teamNames.map((n) => `*${n}*`).join(', ');
  return (
    `I was removed from <#${channelId}>, where the check-in summaries of ${names} are posted. ` +
    'Summaries cannot be posted until someone invites me back to that channel ' +
    '(type `/invite @climate` there) or the team gets another summary channel with `/climate setup`.'
  );
}
