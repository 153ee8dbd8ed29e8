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

/**
 * A font for labels drawn over page images, as a CSS font string of `px` pixels. "sans-serif" is
 * whatever the machine's font manager picks first, and with LibreOffice installed that is
 * OpenSymbol, whose letters are symbols: the labels read as boxes. pdf.js ships Liberation Sans,
 * so it is registered from there, on first use, under a name of its own.
 */
const LABEL_FAMILY = 'Overlay Label Sans';
let labelFontRegistered = false;
export function labelFont(px: number): string {
  if (!labelFontRegistered) {
    nativeCanvas().GlobalFonts.registerFromPath(join(dirname(require.resolve('pdfjs-dist/package.json')), 'standard_fonts', 'LiberationSans-Regular.ttf'), LABEL_FAMILY);
    labelFontRegistered = true;
  }
  return `${px}px "${LABEL_FAMILY}"`;
}
