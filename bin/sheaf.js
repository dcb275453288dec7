#!/usr/bin/env node
// **sheaf** command-line entry: runs the compiled CLI in dist/ (`npm run build`; `npm ci` builds it through `prepare`).
import { existsSync } from 'node:fs';

const cli = new URL('../dist/src/cli.js', import.meta.url);
if (!existsSync(cli)) {
  process.stderr.write('sheaf: dist/ is missing: run `npm run build` in the sheaf folder (npm ci and npm install do it through prepare)\n');
  process.exit(1);
}
await import(cli.href);
