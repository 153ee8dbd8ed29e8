/**
 * pdf.js (legacy build, the one for Node) with the JavaScript built-ins it replaces put back.
 * The legacy build bundles core-js polyfills that replace Array.prototype.push, JSON.stringify
 * and JSON.parse for the whole process on Node 20, over spec corners nothing here relies on
 * (pushing past a frozen length, JSON.rawJSON); every push and JSON call of the process then
 * runs through JavaScript wrappers, which cost more CPU than reading the table did. pdf.js's worker
 * (which runs in-process under Node) bundles the same polyfills, so it is loaded here too,
 * where it registers itself as globalThis.pdfjsWorker for pdf.js to use, before the restore.
 */
const natives = { push: Array.prototype.push, stringify: JSON.stringify, parse: JSON.parse };
const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
Array.prototype.push = natives.push;
JSON.stringify = natives.stringify;
JSON.parse = natives.parse;

export const { getDocument, OPS, Util } = pdfjs;
