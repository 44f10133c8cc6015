import type { App } from '@slack/bolt';
import { SETUP_CALLBACK } from '../views/setup-modal.js';
import type { HandlerDeps } from './handler-deps.js';
import { setupSubmit } from './views/setup-submit.js';

const registered = new WeakSet<App>();

/**
 * Listeners for team settings: the setup modal's submission. (`/climate` itself stays
 * registered by `commands/index.ts`.) Registering twice on the same app is a no-op, so
 * tests may call this whether or not the app's wiring already did.
 */
export function registerSettings(app: App, deps: HandlerDeps): void {
  if (registered.has(app)) return;
  registered.add(app);
  app.view(SETUP_CALLBACK, setupSubmit(deps));
}
