import type { App } from '@slack/bolt';
import { SETUP_CALLBACK } from '../views/setup-modal.js';
import type { HandlerDeps } from './handler-deps.js';
import { setupSubmit } from './views/setup-submit.js';

/**
 * Listeners for team settings: the setup modal's submission. (`/climate` itself is
 * registered by `commands/index.ts`.)
 */
export function registerSettings(app: App, deps: HandlerDeps): void {
  app.view(SETUP_CALLBACK, setupSubmit(deps));
}
