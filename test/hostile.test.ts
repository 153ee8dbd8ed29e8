/**
 * Adversarial cases (issue 17): each one lost data, crashed or exited 0 on a loss before the
 * output-safety work. The CLI runs as a user runs it, in a child process, on real files.
 */
import { cp, mkdir, mkdtemp, readdir, readFile, readlink, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, runCliWith, type CliResult } from './support/cli.ts';
import { blankedXrefPdf, blankPdf, corruptContentStreamPdf, fillDisk, leftBeside, mountTmpfs, serveBody, unmount } from './support/hostile.ts';
import { toCsv } from '../src/dataset/csv.ts';
import { writeDatasetAtomically } from '../src/dataset/write.ts';
import { formatFinding, finding } from '../src/findings.ts';
import { openPdf } from '../src/pdf/load.ts';
import { renderPage } from '../src/pdf/render.ts';
import { splitItemIntoWords, TextLayerSettingsSchema } from '../src/pdf/text-layer.ts';
import { createOcrPool, type OcrPool } from '../src/ocr/pool.ts';
import { readDocument, type PageReader } from '../src/document.ts';
import { preparePageImage } from '../src/ocr/page-image.ts';
import { OcrSettingsSchema } from '../src/ocr/settings.ts';
import { renderPageImages } from '../src/review/pages.ts';
import { extractReadings, sourceDocument } from '../src/extract-file.ts';
import { ddor } from '../pipelines/ddor/family.ts';
import { PDFDocument } from 'pdf-lib';

const TEXT_SAMPLE = 'samples/ddor-2017-02-04.pdf';
const OTHER_SAMPLE = 'samples/ddor-2017-02-11.pdf';
const SLOW = 300_000;

const dirs: string[] = [];
const mounts: string[] = [];
const tempDir = async () => {
  const dir = await mkdtemp(join(tmpdir(), 'ddor-hostile-'));
  dirs.push(dir);
  return dir;
};
afterAll(async () => {
  for (const m of mounts) unmount(m);
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

const json = async (file: string) => JSON.parse(await readFile(file, 'utf8'));

/** One line on stderr, no stack trace, the given exit code. */
function expectOneLine(result: CliResult, code: number, message: RegExp): void {
  expect(result.code, result.stderr).toBe(code);
  const lines = result.stderr.trim().split('\n').filter((l) => !l.startsWith('{'));
  expect(lines, result.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(message);
  expect(result.stderr).not.toMatch(/\n\s+at /);
}

describe('1. output folders the command did not write', () => {
  it('extract, run and review refuse a folder of other files (exit 2) and leave it untouched', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'NOTES.txt'), 'precious\n');
    for (const args of [['extract', TEXT_SAMPLE], ['run', TEXT_SAMPLE, '--cache', join(dir, '..', 'never')]]) {
      expectOneLine(await runCli(...args, '--out', dir, '--quiet'), 2, /refusing to write into .*: it holds files this command did not write \(NOTES\.txt\)/);
    }
    expect(await readdir(dir)).toEqual(['NOTES.txt']);
  });

  it('a link the user made at --out is refused (exit 2); the link and its folder stay', async () => {
    const work = await tempDir();
    await mkdir(join(work, 'elsewhere'));
    await symlink(join(work, 'elsewhere'), join(work, 'out'));
    expectOneLine(await runCli('extract', TEXT_SAMPLE, '--out', join(work, 'out'), '--no-ocr', '--quiet'), 2, /refusing to write into .*out: it is a link to .*elsewhere, which this command did not make/);
    expect(await readlink(join(work, 'out'))).toBe(join(work, 'elsewhere'));
    expect(await readdir(join(work, 'elsewhere'))).toEqual([]);
  });

  it('extract --out . refuses the working directory', async () => {
    expectOneLine(await runCli('extract', TEXT_SAMPLE, '--out', '.', '--quiet'), 2, /refusing to write into \.: it holds files/);
  });

  it('a release root or a published version is not an output folder', async () => {
    const work = await tempDir();
    const root = join(work, 'releases');
    await cp('output/ddor', root, { recursive: true, filter: (src) => !src.includes('candidate') });
    const before = (await readdir(root)).sort();
    expectOneLine(await runCli('extract', TEXT_SAMPLE, '--out', root, '--quiet'), 2, /refusing to write into .*releases: it holds files/);
    expectOneLine(await runCli('extract', TEXT_SAMPLE, '--out', join(root, '1.0.1'), '--quiet'), 2, /refusing to write into .*1\.0\.1/);
    expect((await readdir(root)).sort()).toEqual(before);
  });

  it('review ds --out ds refuses, and the dataset stays', async () => {
    const work = await tempDir();
    const ds = join(work, 'ds');
    expect((await runCli('extract', TEXT_SAMPLE, '--out', ds, '--quiet')).code).toBe(0);
    const files = (await readdir(ds)).sort();
    expectOneLine(await runCli('review', ds, '--out', ds, '--quiet'), 2, /refusing to write into .*ds: it is the input/);
    expectOneLine(await runCli('review', ds, '--out', work, '--quiet'), 2, /refusing to write into .*: it contains the input/);
    expect((await readdir(ds)).sort()).toEqual(files);
  }, SLOW);

  it('an earlier dataset of the same kind is replaced', async () => {
    const out = join(await tempDir(), 'ds');
    expect((await runCli('extract', TEXT_SAMPLE, '--out', out, '--quiet')).code).toBe(0);
    expect((await runCli('extract', OTHER_SAMPLE, '--out', out, '--quiet')).code).toBe(0);
    expect((await json(join(out, 'reports.json'))).map((r: { report_id: string }) => r.report_id)).toEqual(['ddor-2017-02-11']);
  }, SLOW);
});

describe('2 and 12. a damaged PDF among good ones', () => {
  it('is an error finding for that source; the others are read; no stack trace', async () => {
    const work = await tempDir();
    const damaged = await blankedXrefPdf(join(work, 'damaged.pdf'));
    const out = join(work, 'out');
    const args = ['run', TEXT_SAMPLE, damaged, OTHER_SAMPLE, '--out', out, '--cache', join(work, 'cache'), '--json'];

    const strict = await runCli(...args);
    expect(strict.code, strict.stderr).toBe(1);
    expect(strict.stderr).not.toMatch(/Unhandled|\n\s+at /);
    expect(strict.stderr).toMatch(/pdf-damaged at .*damaged\.pdf/);
    await expect(readdir(out)).rejects.toThrow(/ENOENT/);

    const partial = await runCli(...args, '--allow-partial');
    expect(partial.code, partial.stderr).toBe(0);
    const findings = (await json(join(out, 'findings.json'))).findings as { code: string; file: string; severity: string }[];
    expect(findings).toContainEqual(expect.objectContaining({ severity: 'error', code: 'pdf-damaged', file: expect.stringContaining('damaged.pdf') }));
    const reports = (await json(join(out, 'reports.json'))).map((r: { report_id: string }) => r.report_id);
    expect(reports).toEqual(expect.arrayContaining(['ddor-2017-02-04', 'ddor-2017-02-11']));
  }, SLOW);

  it('a downloaded body pdf.js cannot parse is dropped from the download cache, so the next run fetches it again', async () => {
    const work = await tempDir();
    const server = await serveBody('%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
    try {
      const args = ['run', server.url, '--out', join(work, 'out'), '--cache', join(work, 'cache'), '--json'];
      const first = await runCli(...args);
      expect(first.code, first.stderr).toBe(1);
      expect(first.stderr).toMatch(/removed from it, so the next run downloads it again/);
      expect(await readdir(join(work, 'cache', 'downloads', 'urls')).catch(() => [])).toEqual([]);
      await runCli(...args);
      expect(server.requests()).toBe(2);
    } finally {
      await server.close();
    }
  }, SLOW);
});

describe('3. a stage cache that cannot be written', () => {
  const expectComplete = async (result: CliResult, out: string) => {
    expect(result.code, result.stderr).toBe(0);
    expect(await json(join(out, 'policy_jurisdictions.json'))).toHaveLength(120);
    const findings = (await json(join(out, 'findings.json'))).findings as { code: string; severity: string }[];
    expect(findings).toContainEqual(expect.objectContaining({ severity: 'warning', code: 'cache-write-failed' }));
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
  };

  it('on a full disk: a warning, and every result is used', async (ctx) => {
    const work = await tempDir();
    const cache = join(work, 'cache');
    const skip = await mountTmpfs(cache, '5m');
    if (skip) return ctx.skip(skip);
    mounts.push(cache);
    fillDisk(cache, 64 * 1024);
    const out = join(work, 'out');
    await expectComplete(await runCli('run', TEXT_SAMPLE, '--out', out, '--cache', cache, '--json'), out);
  }, SLOW);

  it('read-only: a warning, and every result is used', async (ctx) => {
    const work = await tempDir();
    const cache = join(work, 'cache');
    const skip = await mountTmpfs(cache, '1m', true);
    if (skip) return ctx.skip(skip);
    mounts.push(cache);
    const out = join(work, 'out');
    await expectComplete(await runCli('run', TEXT_SAMPLE, '--out', out, '--cache', cache, '--json'), out);
  }, SLOW);
});

describe('4. a corrupt content stream', () => {
  it('the page pdf.js could not read whole is an error finding, and exit 1 unless --allow-partial', async () => {
    const work = await tempDir();
    const corrupt = await corruptContentStreamPdf(join(work, 'corrupt.pdf'), 1);
    const result = await runCli('extract', corrupt, '--out', join(work, 'out'), '--no-ocr', '--json');
    expect(result.code, result.stderr).toBe(1);
    const findings = (await json(join(work, 'out', 'findings.json'))).findings as { code: string; page: number; severity: string }[];
    expect(findings).toContainEqual(expect.objectContaining({ severity: 'error', code: 'page-incomplete', page: 18 }));
    const partial = await runCli('extract', corrupt, '--out', join(work, 'out'), '--no-ocr', '--json', '--allow-partial');
    expect(partial.code, partial.stderr).toBe(0);
  }, SLOW);

  it('a stream that decodes to nothing is not OCR\'d as a blank page without a finding', async () => {
    const work = await tempDir();
    const corrupt = await corruptContentStreamPdf(join(work, 'corrupt.pdf'), 17);
    const result = await runCli('extract', corrupt, '--out', join(work, 'out'), '--json', '--workers', '1');
    expect(result.code, result.stderr).toBe(1);
    const findings = (await json(join(work, 'out', 'findings.json'))).findings as { code: string; page: number; severity: string }[];
    expect(findings).toContainEqual(expect.objectContaining({ severity: 'error', code: 'page-incomplete', page: 18 }));
  }, SLOW);
});

describe('5. two publishes at once', () => {
  it('take turns: versions chain, and latest.json names the newest', async () => {
    const work = await tempDir();
    const [one, two] = [join(work, 'one'), join(work, 'two')];
    expect((await runCli('extract', TEXT_SAMPLE, '--out', one, '--quiet')).code).toBe(0);
    expect((await runCli('extract', TEXT_SAMPLE, OTHER_SAMPLE, '--out', two, '--quiet')).code).toBe(0);
    const root = join(work, 'releases');
    const results = await Promise.all([one, two].map((c) => runCli('release', '--publish', '--root', root, '--candidate', c, '--quiet')));
    for (const r of results) expect(r.code, r.stderr).toBe(0);
    const versions = (await readdir(root)).filter((n) => /^\d/.test(n)).sort();
    expect(versions).toHaveLength(2);
    const manifests = await Promise.all(versions.map((v) => json(join(root, v, 'manifest.json'))));
    expect(manifests[0].previous).toBeNull();
    expect(manifests[1].previous).toBe(versions[0]);
    expect((await json(join(root, 'latest.json'))).version).toBe(versions[1]);
    // A published version carries no owner marker, so no command will ever write over it.
    expect(await readdir(join(root, versions[0]!))).not.toContain('.written-by.json');
  }, SLOW);

  it('a candidate with error findings is refused unless --force "reason", which the manifest records', async () => {
    const work = await tempDir();
    const candidate = join(work, 'candidate');
    const corrupt = await corruptContentStreamPdf(join(work, 'corrupt.pdf'), 1);
    expect((await runCli('extract', corrupt, '--out', candidate, '--no-ocr', '--quiet')).code).toBe(1);
    const root = join(work, 'releases');
    expectOneLine(await runCli('release', '--publish', '--root', root, '--candidate', candidate, '--quiet'), 1, /error finding\(s\).*--force "reason"/);
    await expect(readdir(root)).rejects.toThrow(/ENOENT/);
    const forced = await runCli('release', '--publish', '--root', root, '--candidate', candidate, '--force', 'page 18 is damaged in every copy', '--quiet');
    expect(forced.code, forced.stderr).toBe(0);
    const errors = (await json(join(candidate, 'findings.json'))).counts.error;
    expect(errors).toBeGreaterThan(0);
    expect((await json(join(root, '1.0.0', 'manifest.json'))).forced).toEqual({ reason: 'page 18 is damaged in every copy', errorFindings: errors });
  }, SLOW);
});

describe('6. replacing a folder', () => {
  it('many writers at once: each waits its turn, and the folder is always whole', async () => {
    const out = join(await tempDir(), 'ds');
    await Promise.all(Array.from({ length: 8 }, (_, i) => writeDatasetAtomically(out, new Map([['n.json', `${i}\n`]]))));
    expect(await leftBeside(out)).toEqual([]);
    expect(await readdir(out)).toEqual(['.written-by.json', 'n.json']);
  });

  it('leftovers of the earlier two-rename swap: the old folder is put back, staging folders removed', async () => {
    const parent = await tempDir();
    const out = join(parent, 'ds');
    // What kill -9 left with the swap of real folders: the old one renamed aside, staging folders, the target gone.
    await mkdir(join(parent, '.ds.staging-999999-1-old'));
    await writeFile(join(parent, '.ds.staging-999999-1-old', '.written-by.json'), '{"writtenBy":"dataset"}\n');
    await mkdir(join(parent, '.ds.staging-999999-1'));
    await mkdir(join(parent, '.ds.staging-999998-2'));
    await writeDatasetAtomically(out, new Map([['b.json', 'new\n']]));
    expect(await leftBeside(out)).toEqual([]);
    expect(await readdir(out)).toEqual(['.written-by.json', 'b.json']);
  });

  it('a copy made with cp -r beside the folder (a copy of its link) keeps its content when the folder is replaced', async () => {
    const parent = await tempDir();
    const out = join(parent, 'ds');
    await writeDatasetAtomically(out, new Map([['a.json', 'old\n']]));
    execFileSync('cp', ['-r', out, join(parent, 'ds-backup')]);
    await writeDatasetAtomically(out, new Map([['b.json', 'new\n']]));
    await cp(out, join(parent, 'ds-backup2'), { recursive: true }); // Node's cp makes the link absolute
    await writeDatasetAtomically(out, new Map([['c.json', 'newer\n']]));
    expect(await readdir(out)).toEqual(['.written-by.json', 'c.json']);
    expect(await readFile(join(parent, 'ds-backup', 'a.json'), 'utf8')).toBe('old\n');
    expect(await readFile(join(parent, 'ds-backup2', 'b.json'), 'utf8')).toBe('new\n');
    expect((await leftBeside(out)).filter((n) => n.startsWith('.'))).toHaveLength(2);
  });

  it('a lock its writer was killed before writing a pid into is taken over, once older than a pid takes to write', async () => {
    const parent = await tempDir();
    const out = join(parent, 'ds');
    await writeFile(join(parent, '.ds.lock'), '');
    const aMinuteAgo = new Date(Date.now() - 60_000);
    await utimes(join(parent, '.ds.lock'), aMinuteAgo, aMinuteAgo);
    await writeDatasetAtomically(out, new Map([['a.json', '1\n']]), { lockWaitMs: 2_000 });
    expect(await readdir(out)).toEqual(['.written-by.json', 'a.json']);
    expect(await leftBeside(out)).toEqual([]);
  });

  it('a real dataset folder an earlier version wrote is replaced by the link, leaving nothing aside', async () => {
    const parent = await tempDir();
    const out = join(parent, 'ds');
    await mkdir(out);
    await writeFile(join(out, '.written-by.json'), '{"writtenBy":"dataset"}\n');
    await writeFile(join(out, 'a.json'), 'old\n');
    await writeDatasetAtomically(out, new Map([['b.json', 'new\n']]));
    expect(await readdir(out)).toEqual(['.written-by.json', 'b.json']);
    expect(await leftBeside(out)).toEqual([]);
  });
});

describe('7 and 8. cell text', () => {
  it('CSV cells that would run as a formula are neutralised; JSON keeps the value', () => {
    const csv = toCsv(['a', 'b', 'c'], [{ a: '=HYPERLINK("http://evil","x")', b: '+1', c: -3 }, { a: '@SUM(A1)', b: '-x', c: 'plain' }]);
    expect(csv).toBe('a,b,c\n"\'=HYPERLINK(""http://evil"",""x"")",\'+1,-3\n\'@SUM(A1),\'-x,plain\n');
  });

  it('control characters are stripped from words, kept raw, and never reach a terminal', () => {
    const item = { str: 'Tra\u0000vis\u001b[2J County', transform: [10, 0, 0, 10, 50, 700], width: 80, height: 10, dir: 'ltr', fontName: 'f', hasEOL: false };
    const words = splitItemIntoWords(item, false, [1, 0, 0, -1, 0, 792], TextLayerSettingsSchema.parse({}));
    expect(words.map((w) => w.text)).toEqual(['Travis[2J', 'County']);
    expect(words[0]!.raw).toBe('Tra\u0000vis\u001b[2J');
    const line = formatFinding(finding({ severity: 'warning', code: 'x', message: 'read "\u001b[2J"', value: '\u001b[2J' }));
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the test checks that no control character is left
    expect(line).not.toMatch(/[\u0000-\u001f]/);
    expect(line).toContain('\\x1b[2J');
  });
});

describe('9. unbounded work', () => {
  it('a 2,000-page blank PDF is refused within seconds, before any OCR', async () => {
    const work = await tempDir();
    const file = await blankPdf(join(work, 'long.pdf'), 2000);
    const started = Date.now();
    expectOneLine(await runCli('extract', file, '--out', join(work, 'out'), '--quiet'), 2, /long\.pdf: 2000 pages, more than the 500/);
    expect(Date.now() - started).toBeLessThan(30_000);
  }, SLOW);

  it('a 200-inch page renders within the pixel cap', async () => {
    const file = await blankPdf(join(await tempDir(), 'huge.pdf'), 1, [14_400, 14_400]);
    const pdf = await openPdf(file);
    try {
      const { canvas } = await renderPage(pdf.doc, 1, 110);
      expect(canvas.width * canvas.height).toBeLessThanOrEqual(40_000_000);
    } finally {
      await pdf.doc.destroy();
    }
  });

  it('a page rendered below the DPI asked for, to stay within the cap, is a warning naming file, page and DPI', async () => {
    const work = await tempDir();
    // The review site: the second page of this file is 200 inches a side.
    const mixed = await PDFDocument.create();
    mixed.addPage([612, 792]);
    mixed.addPage([14_400, 14_400]);
    await writeFile(join(work, 'mixed.pdf'), await mixed.save());
    const review = await renderPageImages(join(work, 'mixed.pdf'), work, 'm', 100, 80);
    expect(review.images).toHaveLength(2);
    expect(review.findings).toEqual([expect.objectContaining({ severity: 'warning', code: 'render-dpi-lowered', file: join(work, 'mixed.pdf'), page: 2, value: '31' })]);
    expect(formatFinding(review.findings[0]!)).toMatch(/mixed\.pdf p\.2: rendered for the review site at 31 DPI instead of 100: at 100 DPI this 200 × 200 in page would exceed the pixel cap/);

    // OCR: the page image knows both DPIs, and the file's findings say so for that page.
    const settings = OcrSettingsSchema.parse({ maxPixels: 2_000_000 });
    const pdf = await openPdf(join(work, 'mixed.pdf'));
    try {
      const image = await preparePageImage(pdf.doc, pdf.file, 1, settings);
      expect([image.dpi, image.dpiAsked]).toEqual([146, 300]);
    } finally {
      await pdf.doc.destroy();
    }
    // A page OCR'd at a lowered DPI (served as the stage cache serves it: the pool is not run)...
    const sample = await openPdf(TEXT_SAMPLE);
    try {
      const text = await readDocument(sample, { ocr: null });
      const ocrd = (page: number) => ({ ...text[page - 1]!.tokens!, source: 'ocr' as const, dpi: page === 1 ? 146 : 300, dpiAsked: 300, skewDegrees: 0 });
      const served: PageReader = async (page, step, run) => (step === 'ocr' ? ocrd(page) : run()) as never;
      const readings = await readDocument(sample, { ocr: {} as OcrPool, forceOcr: true, readPage: served });
      expect(readings.map((r) => r.ocrDpi?.used)).toEqual(text.map((r) => (r.page === 1 ? 146 : 300)));
      // ...is a warning for that page in the report of the file.
      const { report } = await extractReadings(ddor, sourceDocument(sample, TEXT_SAMPLE), readings);
      expect(report.findings.filter((f) => f.code === 'render-dpi-lowered')).toEqual([expect.objectContaining({ severity: 'warning', file: TEXT_SAMPLE, page: 1, value: '146' })]);
    } finally {
      await sample.doc.destroy();
    }
  });

  it('an OCR page that takes too long fails with a clear message instead of hanging', async () => {
    const pdf = await openPdf(await blankPdf(join(await tempDir(), 'one.pdf'), 1));
    const pool = createOcrPool({ workers: 1, pageTimeoutMs: 1 });
    try {
      await expect(pool.ocrPage(pdf, 1)).rejects.toThrow(/one\.pdf p\.1: OCR failed: no result after 0 s \(the per-page OCR timeout/);
    } finally {
      await pool.close();
      await pdf.doc.destroy();
    }
  });
});

describe('10. a hostile latest.json', () => {
  it.each([
    ['a path outside the root', { version: '1.0.1', path: '../../elsewhere' }, /its path "\.\.\/\.\.\/elsewhere" is not the folder of version 1\.0\.1/],
    ['a version that is not its folder', { version: '1.0.0', path: '1.0.1' }, /its path "1\.0\.1" is not the folder of version 1\.0\.0/],
    ['null', null, /latest\.json: expected \{"version"/],
    ['a version with no folder', { version: '9.9.9', path: '9.9.9' }, /points at .*9\.9\.9, which holds no dataset/],
  ])('%s: one line, exit 2, for diff, release and review', async (_, pointer, message) => {
    const work = await tempDir();
    const root = join(work, 'releases');
    await cp('output/ddor', root, { recursive: true, filter: (src) => !src.includes('candidate') });
    await writeFile(join(root, 'latest.json'), JSON.stringify(pointer));
    expectOneLine(await runCli('diff', '1.0.0', 'latest', '--root', root), 2, message);
    expectOneLine(await runCli('release', '--root', root, '--candidate', join(root, '1.0.0'), '--quiet'), 2, message);
    expectOneLine(await runCli('review', root, '--out', join(work, 'site'), '--quiet'), 2, message);
  }, SLOW);
});

describe('11. one line and exit 2 for what a user gets wrong', () => {
  it('release --root <file>, diff --out to a path that cannot be written', async () => {
    const work = await tempDir();
    await writeFile(join(work, 'a-file'), 'x');
    expectOneLine(await runCli('release', '--root', join(work, 'a-file'), '--quiet'), 2, /a-file is a file, not a release root/);
    // A missing folder is made (a report file's folder, as for --summary); a file in the way is not.
    expectOneLine(await runCli('diff', 'output/ddor/1.0.0', 'output/ddor/1.0.1', '--out', join(work, 'a-file', 'diff.md')), 2,
      /ddor diff: cannot write --out .*a-file\/diff\.md/);
  });

  it('a full disk on --out', async (ctx) => {
    const work = await tempDir();
    const disk = join(work, 'disk');
    const skip = await mountTmpfs(disk, '8m');
    if (skip) return ctx.skip(skip);
    mounts.push(disk);
    // Room for a small file (the lock), then none at all (not even for the lock's pid).
    for (const room of [4096, 0]) {
      fillDisk(disk, room);
      expectOneLine(await runCli('extract', TEXT_SAMPLE, '--out', join(disk, 'out'), '--no-ocr', '--quiet'), 2,
        /ddor extract: cannot write .*: the disk is full; free some space or write elsewhere \(ENOSPC\)/);
      expect(await readdir(disk), `with ${room} bytes free`).toEqual(['filler']);
      await rm(join(disk, 'filler'));
    }
    // Space freed, the next run writes: nothing left behind holds it off.
    expect((await runCliWith({ timeoutMs: 60_000 }, 'extract', TEXT_SAMPLE, '--out', join(disk, 'out'), '--no-ocr', '--quiet')).code).toBe(0);
  }, SLOW);
});
