/**
 * @napi-rs/canvas, loaded on first use. Its native library takes ~0.2 s of CPU and ~30 MB to load,
 * and only rendering (OCR, --debug overlays, review images) draws with it: reading a born-digital
 * file never needs it.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

type CanvasModule = typeof import('@napi-rs/canvas');

const require = createRequire(import.meta.url);
let loaded: CanvasModule | null = null;

export function nativeCanvas(): CanvasModule {
  loaded ??= require('@napi-rs/canvas') as CanvasModule;
  return loaded;
}

/** Where require finds the package's entry; pdfjs.ts keeps pdf.js from loading it at import. */
export const CANVAS_ENTRY = require.resolve('@napi-rs/canvas');

/**
 * The package's DOMMatrix, in JavaScript with no native code (its geometry.js): the very class its
 * entry exports, since both come from one module instance.
 */
export const canvasDomMatrix = (): CanvasModule['DOMMatrix'] => (require(join(dirname(CANVAS_ENTRY), 'geometry.js')) as Pick<CanvasModule, 'DOMMatrix'>).DOMMatrix;
