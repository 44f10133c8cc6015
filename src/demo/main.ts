/**
 * npm run demo -- [--teams N] [--sizes 12,9,4] [--cycles N] [--seed N] [--out DIR]
 *
 * The CLI around {@link runDemo}: parses options (exit 2 on bad ones), draws a progress
 * bar on stderr, prints the report on stdout and writes it to DIR/report.txt and .json.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DemoUsageError, HELP, parseDemoArgs } from './options.js';
import { formatReport } from './report.js';
import { runDemo } from './run-demo.js';

function progressBar(): { update(fraction: number, label: string): void; done(): void } {
  const width = 30;
  const tty = Boolean(process.stderr.isTTY);
  let lastStep = -1;
  return {
    update(fraction, label) {
      const filled = Math.max(0, Math.min(width, Math.round(fraction * width)));
      const line = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(Math.round(fraction * 100)).padStart(3)}% ${label}`;
      if (tty) process.stderr.write(`\r${line}\u001b[K`);
      else if (Math.floor(fraction * 4) > lastStep) {
        // Not a terminal: a line per quarter instead of redrawing.
        lastStep = Math.floor(fraction * 4);
        process.stderr.write(`${line}\n`);
      }
    },
    done() {
      if (tty) process.stderr.write('\n');
    },
  };
}

async function main(): Promise<number> {
  let options: ReturnType<typeof parseDemoArgs>;
  try {
    options = parseDemoArgs(process.argv.slice(2));
  } catch (error) {
    if (error instanceof DemoUsageError) {
      process.stderr.write(`demo: ${error.message}\n\nRun \`npm run demo -- --help\` for the options.\n`);
      return 2;
    }
    throw error;
  }
  if (options === 'help') {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  const bar = progressBar();
  try {
    const report = await runDemo(options, {
      onProgress: (fraction, label) => bar.update(fraction, label),
      onNote: (message) => process.stderr.write(`note: ${message}\n`),
    });
    bar.done();
    const text = formatReport(report);
    await writeFile(path.join(report.outDir, 'report.txt'), `${text}\n`);
    await writeFile(path.join(report.outDir, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
    process.stdout.write(`${text}\n`);
    return report.checks.every((c) => c.ok) ? 0 : 1;
  } catch (error) {
    bar.done();
    process.stderr.write(`demo failed: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

process.exitCode = await main();
