import nock from 'nock';
import { afterEach } from 'vitest';

// Slack's Web API is only ever reached through nock; local services (PostgreSQL, Redis,
// the bot's own HTTP receiver, the demo's Slack stand-in) live on loopback.
nock.disableNetConnect();
nock.enableNetConnect((host) => /^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/.test(host));

afterEach(() => {
  nock.cleanAll();
});
