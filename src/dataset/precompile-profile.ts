/**
 * Run by `npm run build` after tsc: writes the Data Package profile's validator as a CommonJS
 * module beside the compiled validate-package.js (PRECOMPILED_PROFILE), the same code ajv would
 * generate at every start (see validate-package.ts).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import standaloneModule from 'ajv/dist/standalone/index.js';
import { PACKAGE_PROFILE_FILE, PRECOMPILED_PROFILE, profileAjv } from './validate-package.ts';

// A CommonJS module whose default export is the function itself under NodeNext.
const standaloneCode = standaloneModule.default;

const ajv = profileAjv({ source: true });
const validate = ajv.compile(JSON.parse(readFileSync(PACKAGE_PROFILE_FILE, 'utf8')) as object);
writeFileSync(PRECOMPILED_PROFILE, standaloneCode(ajv, validate));
