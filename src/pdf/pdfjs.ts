/**
 * pdf.js (legacy build, the one for Node) with the JavaScript built-ins it replaces put back.
 * The legacy build bundles core-js polyfills that replace Array.prototype.push, JSON.stringify
 * and JSON.parse for the whole process on Node 20, over spec corners nothing here relies on
 * (pushing past a frozen length, JSON.rawJSON); every push and JSON call of the process then
 * runs through JavaScript wrappers, which cost more CPU than reading the table did. pdf.js's worker
 * (which runs in-process under Node) bundles the same polyfills, so it is loaded here too,
 * where it registers itself as globalThis.pdfjsWorker for pdf.js to use, before the restore.
 */
import { createRequire } from 'node:module';
import { CANVAS_ENTRY, canvasDomMatrix, nativeCanvas } from './canvas.ts';

/**
 * Globals pdf.js reads while it is imported, each with a stand-in for the import so that reading
 * it costs nothing. pdf.js requires @napi-rs/canvas at once for the DOMMatrix, ImageData and
 * Path2D it installs as globals, a native library that takes ~0.2 s of CPU to load although only
 * rendering uses it (canvas.ts); and it reads Response.prototype (to add `bytes`), which makes
 * Node load its fetch implementation (~35 ms), while pdf.js reads files here without fetch.
 */
const IMPORT_STAND_INS = {
  ImageData: class StandIn {},
  Path2D: class StandIn {},
  Response: class StandIn { bytes(): void {} },
};

/**
 * Imports pdf.js with the stand-ins above, and its require of @napi-rs/canvas finding an empty
 * module. DOMMatrix is the package's own JavaScript class, no stand-in, as pdf.js builds one at
 * import. Afterwards, Response is Node's again, and ImageData and Path2D are getters that load
 * the native library on first use; pdf.js's canvas factory requires the package again when it
 * renders, and then gets the real one.
 */
async function importLightly<T>(load: () => Promise<T>): Promise<T> {
  const cache = createRequire(import.meta.url).cache;
  const globals = globalThis as Record<string, unknown>;
  const names = Object.keys(IMPORT_STAND_INS) as (keyof typeof IMPORT_STAND_INS)[];
  const own = new Map(names.map((name) => [name, Object.getOwnPropertyDescriptor(globalThis, name)]));
  const seeded = !(CANVAS_ENTRY in cache);
  if (seeded) cache[CANVAS_ENTRY] = { id: CANVAS_ENTRY, filename: CANVAS_ENTRY, loaded: true, exports: {} } as NodeJS.Module;
  globals.DOMMatrix ??= canvasDomMatrix();
  for (const name of names) Object.defineProperty(globalThis, name, { value: IMPORT_STAND_INS[name], configurable: true, writable: true });
  try {
    return await load();
  } finally {
    if (seeded) delete cache[CANVAS_ENTRY];
    for (const name of names) {
      const before = own.get(name);
      if (before) Object.defineProperty(globalThis, name, before);
      else if (name === 'Response') delete globals[name];
      else defineLazyCanvasGlobal(name);
    }
  }
}

/** A global that pdf.js would have taken from @napi-rs/canvas, loading the library when first read. */
function defineLazyCanvasGlobal(name: 'ImageData' | 'Path2D'): void {
  const settle = (value: unknown) => {
    Object.defineProperty(globalThis, name, { value, configurable: true, enumerable: true, writable: true });
    return value;
  };
  Object.defineProperty(globalThis, name, { configurable: true, enumerable: true, get: () => settle(nativeCanvas()[name]), set: settle });
}

/**
 * The minified builds: the same code as pdf.mjs and pdf.worker.mjs (which the types describe) in
 * 1.8 MB instead of 3.4 MB of source, which V8 parses at every start (~0.1 s less).
 */
const DISPLAY_BUILD = 'pdfjs-dist/legacy/build/pdf.min.mjs';
const WORKER_BUILD = 'pdfjs-dist/legacy/build/pdf.worker.min.mjs';

const natives = { push: Array.prototype.push, stringify: JSON.stringify, parse: JSON.parse };
const pdfjs = await importLightly(async () => {
  const display = await import(DISPLAY_BUILD) as typeof import('pdfjs-dist/legacy/build/pdf.mjs');
  await import(WORKER_BUILD);
  return display;
});
Array.prototype.push = natives.push;
JSON.stringify = natives.stringify;
JSON.parse = natives.parse;

export const { getDocument, OPS, Util } = pdfjs;
