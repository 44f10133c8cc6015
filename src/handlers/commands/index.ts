import type { App } from '@slack/bolt';
import type { HandlerDeps } from '../handler-deps.js';
import { climateCommand } from './climate-command.js';

export function register(app: App, deps: HandlerDeps): void {
  app.command('/climate', climateCommand(deps));
}
