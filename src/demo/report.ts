import path from 'node:path';
import type { DemoReport } from './run-demo.js';

const ARROWS: Record<string, string> = { up: '↑', down: '↓', flat: '→', none: ' ' };

function pad(value: string, width: number): string {
  return value.length >= width ? value : value + ' '.repeat(width - value.length);
}

function padStart(value: string, width: number): string {
  return value.length >= width ? value : ' '.repeat(width - value.length) + value;
}

/** The short report printed at the end of `npm run demo`. */
export function formatReport(report: DemoReport): string {
  const { options } = report;
  const lines: string[] = [];
  const store = report.database === 'pglite' ? 'embedded PGlite' : 'PostgreSQL';
  lines.push(
    `relational-climate demo: ${report.teams.length} teams, ${options.cycles} weekly cycles, seed ${options.seed} (${store}, in-process jobs)`,
  );
  lines.push(
    `simulated ${report.simulated.from.slice(0, 10)} → ${report.simulated.to.slice(0, 10)} in ${(report.realMs / 1000).toFixed(1)} s of real time`,
  );
  for (const team of report.teams) {
    lines.push('');
    const role =
      team.role === 'deteriorating' ? ', climate deteriorating' : team.role === 'too_small' ? '' : ', steady';
    lines.push(`${team.name} (${team.size} members${role})`);
    if (team.note) {
      lines.push(`  ${team.note}; lead notices sent: ${team.leadNotices}`);
      continue;
    }
    lines.push(`  cycle  answered  index  state`);
    for (const cycle of team.cycles) {
      const answered = `${cycle.respondentCount ?? '?'}/${cycle.invited}`;
      const index =
        cycle.status === 'released' && cycle.connectionIndex !== null
          ? `${padStart(String(Math.round(cycle.connectionIndex)), 3)} ${ARROWS[cycle.direction ?? 'none'] ?? ' '}`
          : '  —  ';
      const state =
        cycle.status === 'released'
          ? (cycle.state ?? '—')
          : cycle.status === 'suppressed'
            ? `suppressed (${cycle.reason === 'below_k' ? 'fewer than 5 answered' : cycle.reason})`
            : 'not closed';
      lines.push(`  ${padStart(String(cycle.number), 5)}  ${pad(answered, 8)}  ${pad(index, 5)}  ${state}`);
    }
  }
  lines.push('');
  const suppressed = report.teams.flatMap((t) =>
    t.role === 'too_small'
      ? [`${t.name} (every cycle: team too small)`]
      : t.suppressed.map((s) => `${t.name} cycle ${s.cycle} (${s.reason})`),
  );
  lines.push(`suppressed: ${suppressed.length ? suppressed.join(', ') : 'none'}`);
  const chronic = report.teams.filter((t) => t.reachedChronic).map((t) => t.name);
  lines.push(`reached chronic: ${chronic.length ? chronic.join(', ') : 'none'}`);
  const calls = Object.entries(report.slack.calls)
    .sort((a, b) => b[1] - a[1])
    .map(([method, n]) => `${method} ${n}`)
    .join(', ');
  const limited = Object.values(report.slack.rateLimited).reduce((a, b) => a + b, 0);
  lines.push(`slack stand-in: ${calls}`);
  lines.push(
    `  answered 429 (rate limited) ${limited} time${limited === 1 ? '' : 's'}` +
      (limited
        ? `: ${Object.entries(report.slack.rateLimited)
            .map(([m, n]) => `${m} ${n}`)
            .join(', ')}`
        : ''),
  );
  lines.push('');
  for (const check of report.checks) {
    lines.push(`${check.ok ? 'ok  ' : 'FAIL'} ${check.name}${check.detail ? `: ${check.detail}` : ''}`);
  }
  const rel = (p: string) => path.relative(process.cwd(), p) || '.';
  lines.push('');
  lines.push(
    `summaries: ${rel(path.join(report.outDir, 'summaries'))}/  report: ${rel(path.join(report.outDir, 'report.txt'))}  bot log: ${rel(report.logFile)}`,
  );
  return lines.join('\n');
}
