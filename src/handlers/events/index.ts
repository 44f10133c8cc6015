import type { App } from '@slack/bolt';
import type { HandlerDeps } from '../handler-deps.js';
import { registerHome } from './app-home-opened.js';
import { registerLifecycle } from './lifecycle.js';

export function register(app: App, deps: HandlerDeps): void {
  registerHome(app, deps);
  registerLifecycle(app, deps);
}
