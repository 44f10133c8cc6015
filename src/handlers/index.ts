import type { App } from '@slack/bolt';
import * as actions from './actions/index.js';
import * as commands from './commands/index.js';
import * as events from './events/index.js';
import type { HandlerDeps } from './handler-deps.js';
import { registerSettings } from './settings.js';
import * as views from './views/index.js';

/** Listeners grouped by Slack surface; each folder's index registers its own. */
export function registerListeners(app: App, deps: HandlerDeps): void {
  actions.register(app, deps);
  commands.register(app, deps);
  events.register(app, deps);
  views.register(app, deps);
  registerSettings(app, deps);
}
