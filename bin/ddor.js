#!/usr/bin/env node
// Runs the compiled CLI in dist/ (built by `npm ci` through the prepare script, or `npm run build`).
import { existsSync } from 'node:fs';

const main = new URL('../dist/src/cli/main.js', import.meta.url);
if (!existsSync(main)) {
  process.stderr.write('ddor: dist/ is missing: run "npm run build" (npm ci runs it) in the project folder.\n');
  process.exit(2);
}
const [{ main: run }, { ddorEntry }] = await Promise.all([import(main.href), import('../dist/pipelines/ddor/entry.js')]);
process.exitCode = await run(process.argv.slice(2), ddorEntry);
