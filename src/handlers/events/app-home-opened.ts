import type { AllMiddlewareArgs, App, SlackEventMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import { assertValidHomeView } from '../../slack/block-kit-limits.js';
import { homeDataFor } from '../../teams/home.js';
import { appHomeView } from '../../views/app-home.js';
import type { HandlerDeps } from '../handler-deps.js';

const AppHomeOpenedSchema = z.object({
  team_id: z.string().min(1),
  event: z.object({ user: z.string().min(1), tab: z.string().optional() }),
});

/**
 * `app_home_opened` → `views.publish` of the Home tab for the person's role. Events are
 * acknowledged by Bolt before listeners run; the Messages tab is ignored.
 */
export function appHomeOpened(deps: HandlerDeps) {
  return async ({ body, client }: AllMiddlewareArgs & SlackEventMiddlewareArgs<'app_home_opened'>) => {
    const parsed = AppHomeOpenedSchema.safeParse(body);
    if (!parsed.success) {
      deps.logger.warn('app_home_opened payload did not validate');
      return;
    }
    const { team_id, event } = parsed.data;
    if (event.tab && event.tab !== 'home') return;
    const data = await homeDataFor(deps, { slackTeamId: team_id, userId: event.user });
    const view = appHomeView(data);
    assertValidHomeView(view);
    await client.views.publish({ user_id: event.user, view });
  };
}

export function registerHome(app: App, deps: HandlerDeps): void {
  app.event('app_home_opened', appHomeOpened(deps));
}
