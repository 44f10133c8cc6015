import type { App } from '@slack/bolt';
import { CHECKIN_SUBMIT_CALLBACK } from '../../views/checkin-modal.js';
import type { HandlerDeps } from '../handler-deps.js';
import { checkinSubmit } from './checkin-submit.js';

export function register(app: App, deps: HandlerDeps): void {
  app.view(CHECKIN_SUBMIT_CALLBACK, checkinSubmit(deps));
}
