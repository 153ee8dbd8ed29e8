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
 * Imported, pdf.js requires @napi-rs/canvas at once for the DOMMatrix, ImageData and Path2D it
 * installs as globals, a native library that takes ~0.2 s of CPU to load although only rendering
 * uses it (canvas.ts). So while it is imported, its require finds an empty module, and the
 * globals are there already: DOMMatrix, the package's own JavaScript class (pdf.js builds one at
 * import); ImageData and Path2D, stand-ins replaced after the import by getters that load the
 * native library on first use. pdf.js's canvas factory requires the package again when it
 * renders, and then gets the real one.
 */
async function importWithoutCanvas<T>(load: () => Promise<T>): Promise<T> {
  const cache = createRequire(import.meta.url).cache;
  const globals = globalThis as Record<string, unknown>;
  const nativeGlobals = ['ImageData', 'Path2D'] as const;
  const missing = nativeGlobals.filter((name) => !(name in globalThis));
  const seeded = !(CANVAS_ENTRY in cache);
  if (seeded) cache[CANVAS_ENTRY] = { id: CANVAS_ENTRY, filename: CANVAS_ENTRY, loaded: true, exports: {} } as NodeJS.Module;
  globals.DOMMatrix ??= canvasDomMatrix();
  for (const name of missing) globals[name] = class StandIn {};
  try {
    return await load();
  } finally {
    if (seeded) delete cache[CANVAS_ENTRY];
    for (const name of missing) {
      const settle = (value: unknown) => {
        Object.defineProperty(globalThis, name, { value, configurable: true, enumerable: true, writable: true });
        return value;
      };
      Object.defineProperty(globalThis, name, { configurable: true, enumerable: true, get: () => settle(nativeCanvas()[name]), set: settle });
    }
  }
}

const natives = { push: Array.prototype.push, stringify: JSON.stringify, parse: JSON.parse };
const pdfjs = await importWithoutCanvas(async () => {
  const display = await import('pdfjs-dist/legacy/build/pdf.mjs');
  await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
  return display;
});
Array.prototype.push = natives.push;
JSON.stringify = natives.stringify;
JSON.parse = natives.parse;

export const { getDocument, OPS, Util } = pdfjs;
