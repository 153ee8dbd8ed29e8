/**
 * Printing a fuzz report's HTML with Chromium, or its HTML or flat ODT with LibreOffice, each in a
 * private profile directory so parallel runs (and other users of the machine) never collide.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runTool } from './tools.ts';

export async function chromiumPdf(html: string): Promise<Uint8Array> {
  const dir = await mkdtemp(join(tmpdir(), 'ddor-fuzz-chromium-'));
  try {
    const source = join(dir, 'report.html');
    const out = join(dir, 'report.pdf');
    await writeFile(source, html);
    await runTool('chromium', [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run',
      `--user-data-dir=${join(dir, 'profile')}`, '--no-pdf-header-footer', `--print-to-pdf=${out}`, pathToFileURL(source).href,
    ]);
    return new Uint8Array(await readFile(out));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** `source` is HTML (imported into Writer, as a user opening it would) or a flat ODT. */
export async function libreOfficePdf(source: { html: string } | { fodt: string }): Promise<Uint8Array> {
  const dir = await mkdtemp(join(tmpdir(), 'ddor-fuzz-soffice-'));
  try {
    const isHtml = 'html' in source;
    const file = join(dir, isHtml ? 'report.html' : 'report.fodt');
    await writeFile(file, isHtml ? source.html : source.fodt);
    await runTool('soffice', [
      `-env:UserInstallation=${pathToFileURL(join(dir, 'profile')).href}`, '--headless',
      ...(isHtml ? ['--infilter=HTML (StarWriter)'] : []),
      '--convert-to', 'pdf:writer_pdf_Export', '--outdir', dir, file,
    ]);
    return new Uint8Array(await readFile(join(dir, 'report.pdf')));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
