/**
 * The external programs some fuzz producers and kinds need (Chromium, LibreOffice, pdftotext,
 * tesseract, OCRmyPDF): each is checked once, and a missing one stops the run with one line
 * saying which program, for what, and how to get it or avoid it.
 */
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

const TOOLS = {
  chromium: { why: 'the chromium producer', install: 'apt-get install chromium' },
  soffice: { why: 'the libreoffice-html and libreoffice-odt producers', install: 'apt-get install libreoffice-writer-nogui' },
  pdftotext: { why: 'finding which page each row of a Chromium or LibreOffice print is on', install: 'apt-get install poppler-utils' },
  tesseract: { why: 'sandwich-tesseract copies', install: 'apt-get install tesseract-ocr' },
  ocrmypdf: { why: 'sandwich-ocrmypdf copies', install: 'apt-get install ocrmypdf' },
} as const;

export type Tool = keyof typeof TOOLS;

export class MissingToolError extends Error {}

const present = new Map<Tool, boolean>();

export function requireTool(tool: Tool): void {
  if (!present.has(tool)) present.set(tool, !spawnSync(tool, ['--version'], { stdio: 'ignore' }).error);
  if (!present.get(tool)) {
    const { why, install } = TOOLS[tool];
    throw new MissingToolError(`fuzz: ${tool} is not on PATH; it is needed for ${why}. Install it (${install}) or choose another --producer / --kind.`);
  }
}

/** Runs a checked tool; on failure the error names the tool and its last stderr line. */
export async function runTool(tool: Tool, args: string[], env: NodeJS.ProcessEnv = {}): Promise<string> {
  requireTool(tool);
  try {
    const { stdout } = await run(tool, args, { env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024, timeout: 600_000 });
    return stdout;
  } catch (error) {
    const stderr = String((error as { stderr?: string }).stderr ?? '').trim().split('\n').at(-1) ?? '';
    throw new Error(`fuzz: ${tool} ${args.slice(0, 3).join(' ')} failed: ${stderr || (error as Error).message}`);
  }
}
