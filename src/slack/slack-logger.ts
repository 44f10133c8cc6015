import { LogLevel, type Logger as SlackLogger } from '@slack/bolt';
import type { Logger } from '../logger.js';

/**
 * Bolt and the Web API client log through this adapter into our JSON logger. Their
 * debug output includes whole request and response bodies (answers, message text,
 * tokens), so debug is dropped; at info and above only strings and an error's name,
 * message and code pass, never the objects they are handed.
 */
export function slackLogger(logger: Logger, component: string): SlackLogger {
  const child = logger.child({ component });
  let level: LogLevel = LogLevel.INFO;
  const write =
    (method: 'info' | 'warn' | 'error') =>
    (...messages: unknown[]) => {
      const text = messages.filter((m) => typeof m === 'string').join(' ');
      const err = messages.find((m) => m instanceof Error);
      if (err)
        child[method](
          { err: { name: err.name, message: err.message, code: (err as { code?: string }).code } },
          text,
        );
      else if (text) child[method](text);
    };
  return {
    debug: () => {},
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
