#!/usr/bin/env node
// The CLI is TypeScript run through tsx's loader, so a fresh clone needs no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
const { ddor } = await import('../pipelines/ddor/family.ts');
process.exitCode = await main(process.argv.slice(2), ddor);
