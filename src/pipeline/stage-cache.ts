/**
 * Stage results on disk, `<dir>/<stage>/<key>.json`, where the key is the SHA-256 of everything
 * the result depends on: the stage's version (a hash of its code, see code-version.ts), its
 * settings and the content hash of its input. A changed input, setting or piece of code gives a
 * new key, so nothing is ever invalidated by hand: a re-run recomputes exactly the stages whose
 * key changed. Files are written to a temp file and renamed, so a run killed at any moment leaves
 * whole entries or none; an entry that cannot be read is a miss, never an error, and an entry
 * that cannot be written (a full disk, a read-only folder) is a warning: the result is used all
 * the same, and only the next run pays for recomputing it.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sha256Hex, writeFileAtomically } from '../files.ts';
import { finding, type Finding } from '../findings.ts';

export interface StageDefinition {
  name: string;
  /** Changes whenever the stage's code or dependencies change. */
  version: string;
}

export interface StageStats {
  /** Results computed in this run. */
  computed: number;
  /** Results served from the cache. */
  cached: number;
  failed: number;
  /**
   * Sum of compute times, including time a task waited for a worker: exceeds wall time when
   * tasks ran side by side (OCR pages queue for the pool's threads).
   */
  busySeconds: number;
  /** From the first start to the last end of a computation. */
  wallSeconds: number;
}

interface Entry {
  stage: string;
  input: unknown;
  value: unknown;
}

/** JSON with object keys sorted and regular expressions as their source, so equal inputs hash equally. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v instanceof RegExp) return `/${v.source}/${v.flags}`;
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      return Object.fromEntries(Object.keys(v).sort().map((k) => [k, (v as Record<string, unknown>)[k]]));
    }
    return v;
  });
}

export class StageCache {
  private readonly stats = new Map<string, StageStats & { firstStart: number; lastEnd: number }>();
  /** Results that could not be stored, by the system's error code. */
  private readonly storeFailures = new Map<string, { count: number; stages: Set<string> }>();

  /** `fresh`: lookups always miss (results are still written), to rebuild a cache from scratch. */
  constructor(readonly dir: string, private readonly fresh = false) {}

  keyOf(stage: StageDefinition, input: unknown): string {
    return sha256Hex(stableJson({ stage: stage.name, version: stage.version, input }));
  }

  pathOf(stage: StageDefinition, input: unknown): string {
    return join(this.dir, stage.name, `${this.keyOf(stage, input)}.json`);
  }

  /** The cached result, or undefined. Counts a hit; a miss is counted when the result is computed. */
  async lookup<T>(stage: StageDefinition, input: unknown): Promise<T | undefined> {
    if (this.fresh) return undefined;
    let entry: Entry;
    try {
      entry = JSON.parse(await readFile(this.pathOf(stage, input), 'utf8')) as Entry;
    } catch {
      return undefined;
    }
    if (entry.stage !== stage.name) return undefined;
    this.statsOf(stage.name).cached++;
    return entry.value as T;
  }

  /**
   * Computes a result and stores it when `keep` says it is worth keeping (a result with failed
   * parts is not cached, so the next run tries those parts again). The compute time is counted
   * under the stage.
   */
  async compute<T>(stage: StageDefinition, input: unknown, run: () => Promise<T> | T, keep: (value: T) => boolean = () => true): Promise<T> {
    const stats = this.statsOf(stage.name);
    let value: T;
    try {
      value = await this.measure(stage.name, run);
    } catch (error) {
      stats.failed++;
      throw error;
    }
    stats.computed++;
    if (keep(value)) await this.store(stage, input, value);
    return value;
  }

  /** One warning per kind of write failure: the results were used, not kept. */
  warnings(): Finding[] {
    return [...this.storeFailures].map(([code, { count, stages }]) => finding({
      severity: 'warning', code: 'cache-write-failed',
      message: `${count} result(s) of ${[...stages].join(', ')} could not be written to the stage cache in ${this.dir} (${code}); they were used all the same, and the next run computes them again. Free some space, fix the folder's permissions or choose another --cache`,
    }));
  }

  /** lookup, else compute. */
  async through<T>(stage: StageDefinition, input: unknown, run: () => Promise<T> | T, keep?: (value: T) => boolean): Promise<{ value: T; cached: boolean }> {
    const hit = await this.lookup<T>(stage, input);
    if (hit !== undefined) return { value: hit, cached: true };
    return { value: await this.compute(stage, input, run, keep), cached: false };
  }

  /** Per stage, in the order stages were first used. */
  summary(): Record<string, StageStats> {
    return Object.fromEntries([...this.stats].map(([name, { firstStart, lastEnd, ...s }]) =>
      [name, { ...s, wallSeconds: Number.isFinite(firstStart) ? (lastEnd - firstStart) / 1000 : 0 }]));
  }

  /** Work that is not cached (downloads have their own cache, the dataset is always written), timed and counted under `name`. */
  async timed<T>(name: string, run: () => Promise<T>, counts: (value: T) => Partial<Pick<StageStats, 'computed' | 'cached' | 'failed'>>): Promise<T> {
    const value = await this.measure(name, run);
    const stats = this.statsOf(name);
    const c = counts(value);
    stats.computed += c.computed ?? 0;
    stats.cached += c.cached ?? 0;
    stats.failed += c.failed ?? 0;
    return value;
  }

  private async measure<T>(name: string, run: () => Promise<T> | T): Promise<T> {
    const stats = this.statsOf(name);
    const started = performance.now();
    stats.firstStart = Math.min(stats.firstStart, started);
    try {
      return await run();
    } finally {
      const ended = performance.now();
      stats.busySeconds += (ended - started) / 1000;
      stats.lastEnd = Math.max(stats.lastEnd, ended);
    }
  }

  private async store(stage: StageDefinition, input: unknown, value: unknown): Promise<void> {
    const entry: Entry = { stage: stage.name, input, value };
    try {
      await mkdir(join(this.dir, stage.name), { recursive: true });
      await writeFileAtomically(this.dir, this.pathOf(stage, input), JSON.stringify(entry));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      const failures = this.storeFailures.get(code) ?? { count: 0, stages: new Set<string>() };
      failures.count++;
      failures.stages.add(stage.name);
      this.storeFailures.set(code, failures);
    }
  }

  private statsOf(name: string) {
    let stats = this.stats.get(name);
    if (!stats) {
      stats = { computed: 0, cached: 0, failed: 0, busySeconds: 0, wallSeconds: 0, firstStart: Infinity, lastEnd: -Infinity };
      this.stats.set(name, stats);
    }
    return stats;
  }
}
