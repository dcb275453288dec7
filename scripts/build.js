// **build** compiles src/ and harvesters/ into dist/ with tsc, then composes the bundled validation profiles into
// dist/profiles/ (src/validate/precomposed-profiles.ts). Plain JavaScript: it runs before anything is compiled.
//
// dist/.sources holds a hash of everything the build reads; when it matches, the build is skipped, so `npm test`
// (test/build-dist.ts) and the benchmarks call it every time and never run a dist/ older than the sources. A build
// starts from an empty dist/: a file deleted or renamed in src/ cannot linger there and hide a broken import.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const INPUTS = ['src', 'harvesters', 'shapes', 'ontologies', 'tsconfig.json', 'tsconfig.build.json', 'scripts/build.js'];

/** A hash of the path and bytes of every file the build reads. */
export function sourcesHash(root = ROOT) {
  const hash = createHash('sha256');
  const files = [];
  for (const input of INPUTS) {
    const at = path.join(root, input);
    if (!existsSync(at)) continue;
    if (input.includes('.')) files.push(at);
    else for (const e of readdirSync(at, { recursive: true, withFileTypes: true })) if (e.isFile()) files.push(path.join(e.parentPath, e.name));
  }
  for (const file of files.sort()) hash.update(`${path.relative(root, file)}\0`).update(readFileSync(file)).update('\0');
  return hash.digest('hex');
}

/** Builds dist/ unless it was built from these very sources; returns whether it built. */
export function build({ root = ROOT, force = false, log = (line) => process.stderr.write(`${line}\n`) } = {}) {
  const stamp = path.join(root, 'dist', '.sources');
  const hash = sourcesHash(root);
  if (!force && existsSync(stamp) && readFileSync(stamp, 'utf8') === hash) return false;
  const started = performance.now();
  rmSync(path.join(root, 'dist'), { recursive: true, force: true });
  execFileSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
  // A process of its own: the composer runs as users run it, compiled.
  const composer = pathToFileURL(path.join(root, 'dist/src/ontology/profile-composer.js')).href;
  execFileSync(process.execPath, ['--input-type=module', '-e', `const { precomposeProfiles } = await import(${JSON.stringify(composer)}); await precomposeProfiles();`], { cwd: root, stdio: 'inherit' });
  writeFileSync(stamp, hash);
  log(`sheaf build: dist/ compiled and profiles composed in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return true;
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  build({ force: process.argv.includes('--force') });
}
