import { type Logger as BoltLogger, LogLevel } from '@slack/bolt';
import type { Logger } from '../logger.js';

/**
 * Bolt logs through this adapter into our JSON logger. Bolt's messages are strings
 * and errors; anything else it passes (it can be a request body) is dropped rather
 * than serialised, because bodies carry answers and tokens.
 */
export function boltLogger(logger: Logger): BoltLogger {
  const child = logger.child({ component: 'bolt' });
  let level: LogLevel = LogLevel.INFO;
  const write =
    (method: 'debug' | 'info' | 'warn' | 'error') =>
    (...messages: unknown[]) => {
      const text = messages.filter((m) => typeof m === 'string').join(' ');
      const err = messages.find((m) => m instanceof Error);
      if (err)
        child[method](
          { err: { name: err.name, message: err.message, code: (err as { code?: string }).code } },
          text,
        );
      else child[method](text);
    };
  return {
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    setLevel: (next) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => {},
  };
}
