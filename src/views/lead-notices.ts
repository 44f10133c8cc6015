/** Private DMs to team leads about their team's check-ins. */

/** The bot was removed from the channel where these teams' summaries are posted. */
export function summaryChannelLostText(channelId: string, teamNames: string[]): string {
  const names = teamNames.map((n) => `*${n}*`).join(', ');
  return (
    `I was removed from <#${channelId}>, where the check-in summaries of ${names} are posted. ` +
    'Summaries cannot be posted until someone invites me back to that channel ' +
    '(type `/invite @climate` there) or the team gets another summary channel with `/climate setup`.'
  );
}
