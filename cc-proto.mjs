import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import vm from 'node:vm';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
const dir = new URL('./node_modules/pdfjs-dist/legacy/build/', import.meta.url);
function asScript(file) {
  const src = readFileSync(new URL(file, dir), 'utf8');
  const m = /export\s*\{([^}]*)\};?\s*$/.exec(src);
  const exported = m[1].split(',').map((s) => { const [a, b] = s.trim().split(/\s+as\s+/); return `${b ?? a}: ${a}`; }).join(', ');
  return `(async function (importMetaUrl) {"use strict";\n${src.slice(0, m.index).replaceAll('import.meta.url', 'importMetaUrl')}\nreturn { ${exported} };\n})`;
}
const t0 = performance.now();
const natives = { push: Array.prototype.push, stringify: JSON.stringify, parse: JSON.parse };
const mods = {};
const scripts = {};
for (const f of ['pdf.min.mjs', 'pdf.worker.min.mjs']) {
  const cacheFile = `/tmp/perf5/cc/${f}.cache`;
  const useCache = process.argv[3] === 'cache' && existsSync(cacheFile);
  const filename = new URL(f, dir).pathname;
  const s = new vm.Script(asScript(f), { filename, cachedData: useCache ? readFileSync(cacheFile) : undefined, importModuleDynamically: undefined });
  if (useCache && s.cachedDataRejected) console.log('REJECTED', f);
  scripts[f] = s;
  mods[f] = await s.runInThisContext()(pathToFileURL(filename).href);
}
Array.prototype.push = natives.push; JSON.stringify = natives.stringify; JSON.parse = natives.parse;
const t1 = performance.now();
const { getDocument } = mods['pdf.min.mjs'];
const data = new Uint8Array(readFileSync(process.argv[2]));
const doc = await getDocument({ data, isEvalSupported: false, verbosity: 0 }).promise;
let tt = 0;
for (let n = 1; n <= doc.numPages; n++) { const p = await doc.getPage(n); await p.getTextContent(); await p.getOperatorList(); p.cleanup(); }
const t2 = performance.now();
console.log(`load ${(t1 - t0).toFixed(0)} ms, ${doc.numPages} pages ${(t2 - t1).toFixed(0)} ms, cpu ${(process.cpuUsage().user / 1000).toFixed(0)}`);
if (process.argv[3] === 'make') for (const f in scripts) writeFileSync(`/tmp/perf5/cc/${f}.cache`, scripts[f].createCachedData());
await doc.destroy();
