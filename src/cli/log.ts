/**
 * Progress and log output on stderr: a live status line on a terminal, JSON lines otherwise (or
 * with --json), so CI logs stay machine-readable and a person at a terminal sees progress.
 */
import { formatFinding, type Finding } from '../findings.ts';

export interface Logger {
  progress(stage: string, detail: string, data?: Record<string, unknown>): void;
  info(message: string, data?: Record<string, unknown>): void;
  error(message: string, data?: Record<string, unknown>): void;
  findingsSummary(findings: readonly Finding[], limit?: number): void;
  done(): void;
}

export function createLogger(options: { json?: boolean; quiet?: boolean }): Logger {
  const live = !options.json && process.stderr.isTTY === true;
  let statusShown = false;
  const clearStatus = () => {
    if (statusShown) { process.stderr.write('\r\x1b[K'); statusShown = false; }
  };
  const emit = (level: string, message: string, data?: Record<string, unknown>) => {
    if (live) {
      clearStatus();
      process.stderr.write(`${message}\n`);
    } else {
      process.stderr.write(JSON.stringify({ time: new Date().toISOString(), level, message, ...data }) + '\n');
    }
  };
  return {
    progress(stage, detail, data) {
      if (options.quiet) return;
      if (live) {
        const text = `${stage}: ${detail}`;
        process.stderr.write(`\r\x1b[K${text.slice(0, (process.stderr.columns ?? 100) - 1)}`);
        statusShown = true;
      } else emit('progress', `${stage}: ${detail}`, { stage, ...data });
    },
    info(message, data) { if (!options.quiet) emit('info', message, data); },
    error(message, data) { emit('error', message, data); },
    findingsSummary(findings, limit = 20) {
      const counts = { error: 0, warning: 0, info: 0 };
      for (const f of findings) counts[f.severity]++;
      const important = findings.filter((f) => f.severity !== 'info');
      if (live) {
        clearStatus();
        for (const f of important.slice(0, options.quiet ? 0 : limit)) process.stderr.write(`  ${formatFinding(f)}\n`);
        if (important.length > limit && !options.quiet) process.stderr.write(`  … and ${important.length - limit} more in findings.json\n`);
        if (!options.quiet || counts.error) process.stderr.write(`findings: ${counts.error} errors, ${counts.warning} warnings, ${counts.info} info\n`);
      } else {
        for (const f of important.slice(0, limit)) emit(f.severity, formatFinding(f), { finding: f });
        emit('info', 'findings', { counts });
      }
    },
    done: clearStatus,
  };
}
