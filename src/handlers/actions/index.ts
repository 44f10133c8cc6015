import type { App } from '@slack/bolt';
import { CHECKIN_START_ACTION } from '../../views/checkin-modal.js';
import type { HandlerDeps } from '../handler-deps.js';
import { checkinStart } from './checkin-start.js';

export function register(app: App, deps: HandlerDeps): void {
  app.action(CHECKIN_START_ACTION, checkinStart(deps));
}
