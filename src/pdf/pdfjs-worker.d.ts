/** pdf.js's worker ships without types; pdfjs.ts only loads it for its side effect. */
declare module 'pdfjs-dist/legacy/build/pdf.worker.mjs';
