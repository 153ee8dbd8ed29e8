/**
 * Progress and log output on stderr. Readable lines by default, also when piped (a CI log is read
 * by people); on a terminal with a live status line and colour (unless NO_COLOR is set); JSON lines
 * with --json, for machines. Output of third-party code (tesseract's "Detected 12 diacritics") is
 * captured into the log at debug level instead of landing in the middle of the status line.
 */
import { formatFinding, type Finding, type Severity } from '../findings.ts';

type Level = Severity | 'debug' | 'progress';

export interface LoggerOptions {
  json?: boolean;
  quiet?: boolean;
  /** Show debug lines (third-party output) in the readable log; JSON lines always carry them. */
  verbose?: boolean;
  /** Where log text goes; stderr unless a test captures it. */
  stream?: NodeJS.WriteStream;
  /** NO_COLOR and friends; the process environment unless a test sets it. */
  env?: NodeJS.ProcessEnv;
}

export interface Logger {
  progress(stage: string, detail: string, data?: Record<string, unknown>): void;
  debug(message: string, data?: Record<string, unknown>): void;
  info(message: string, data?: Record<string, unknown>): void;
  error(message: string, data?: Record<string, unknown>): void;
  findingsSummary(findings: readonly Finding[], limit?: number): void;
  /** One finding as it happens, of work outside a dataset's findings (--debug images, the review site). */
  finding(f: Finding): void;
  /**
   * Until the returned function is called, whatever other code writes to stdout or stderr (e.g.
   * tesseract's worker threads) becomes debug lines of this log.
   */
  captureConsole(source: string): () => void;
  done(): void;
}

/** https://no-color.org: any non-empty NO_COLOR turns colour off; so does a dumb terminal. */
export function colourWanted(stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv): boolean {
  if (env.NO_COLOR) return false;
  return stream.isTTY === true && env.TERM !== 'dumb';
}

const COLOURS: Partial<Record<Level, string>> = { error: '31', warning: '33', debug: '2' };
const PREFIX: Partial<Record<Level, string>> = { error: 'error: ', warning: 'warning: ' };

/**
 * The status line is cut to the terminal's width so it never wraps (a wrapped line cannot be
 * cleared with \r); a terminal that reports no width (0 or undefined) gets the whole line.
 */
export function fitStatus(text: string, columns: number | undefined): string {
  return columns && columns > 1 ? text.slice(0, columns - 1) : text;
}

export function createLogger(options: LoggerOptions): Logger {
  const stream = options.stream ?? process.stderr;
  const env = options.env ?? process.env;
  // Our own writes bypass a console capture in force.
  const write = stream.write.bind(stream) as (text: string) => boolean;
  const live = !options.json && stream.isTTY === true;
  const colour = !options.json && colourWanted(stream, env);
  let statusShown = false;
  let lastProgress = '';
  const clearStatus = () => {
    if (statusShown) { write('\r\x1b[K'); statusShown = false; }
  };
  const paint = (level: Level, text: string) => (colour && COLOURS[level] ? `\x1b[${COLOURS[level]}m${text}\x1b[0m` : text);
  /** `labelled`: prefix the level ("error: "), unless the message names its severity itself (a finding). */
  const emit = (level: Level, message: string, data?: Record<string, unknown>, labelled = true) => {
    if (options.json) {
      write(`${JSON.stringify({ time: new Date().toISOString(), level, message, ...data })}\n`);
      return;
    }
    if (level === 'debug' && !options.verbose) return;
    clearStatus();
    write(`${paint(level, `${labelled ? PREFIX[level] ?? '' : ''}${message}`)}\n`);
  };
  const logger: Logger = {
    progress(stage, detail, data) {
      if (options.quiet) return;
      if (options.json) return emit('progress', `${stage}: ${detail}`, { stage, ...data });
      if (live) {
        write(`\r\x1b[K${fitStatus(`${stage}: ${detail}`, stream.columns)}`);
        statusShown = true;
        return;
      }
      // Piped: one line per stage and file, not per page, so a CI log shows progress without flooding.
      const step = `${stage}: ${typeof data?.file === 'string' ? data.file : detail}`;
      if (step !== lastProgress) emit('info', step);
      lastProgress = step;
    },
    debug(message, data) { emit('debug', message, data); },
    info(message, data) { if (!options.quiet) emit('info', message, data); },
    error(message, data) { emit('error', message, data); },
    findingsSummary(findings, limit = 20) {
      const counts = { error: 0, warning: 0, info: 0 };
      for (const f of findings) counts[f.severity]++;
      const important = findings.filter((f) => f.severity !== 'info');
      if (options.json) {
        for (const f of important.slice(0, limit)) emit(f.severity, formatFinding(f), { finding: f });
        emit('info', 'findings', { counts });
        return;
      }
      for (const f of important.slice(0, options.quiet ? 0 : limit)) emit(f.severity, `  ${formatFinding(f)}`, undefined, false);
      if (important.length > limit && !options.quiet) emit('info', `  … and ${important.length - limit} more in findings.json`);
      if (!options.quiet || counts.error) emit(counts.error ? 'error' : 'info', `findings: ${counts.error} errors, ${counts.warning} warnings, ${counts.info} info`, undefined, false);
    },
    finding(f) {
      if (!options.quiet || f.severity === 'error') emit(f.severity, formatFinding(f), { finding: f }, false);
    },
    captureConsole(source) {
      const originals = [process.stdout, process.stderr].map((s) => [s, s.write] as const);
      let pending = '';
      const capture = (chunk: unknown, ...rest: unknown[]) => {
        pending += typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8');
        const lines = pending.split('\n');
        pending = lines.pop()!;
        for (const line of lines) if (line.trim()) logger.debug(line.trim(), { source });
        const callback = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
        callback?.();
        return true;
      };
      for (const [s] of originals) s.write = capture as typeof s.write;
      return () => {
        for (const [s, original] of originals) s.write = original;
        if (pending.trim()) logger.debug(pending.trim(), { source });
        pending = '';
      };
    },
    done: clearStatus,
  };
  return logger;
}
