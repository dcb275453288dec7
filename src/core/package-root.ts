// **packageFile** resolves a file shipped with sheaf (queries/, shapes/, ontologies/, demo/, src/ assets) from the package root.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * The folder holding sheaf's package.json. Found by walking up rather than by a fixed `../..`: this module runs from
 * src/core/ under the TypeScript loader (tests, benchmarks) and from dist/src/core/ once compiled, and both must read
 * the same files.
 */
function findRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
  return dir;
}

export const PACKAGE_ROOT = findRoot();

/** The absolute path of `relative` (slash-separated, from the package root) inside the package. */
export function packageFile(relative: string): string {
  return path.join(PACKAGE_ROOT, ...relative.split('/'));
}

/** The same as a file: URL; a trailing slash is kept, so the URL can serve as a base for the folder's files. */
export function packageUrl(relative: string): URL {
  const url = pathToFileURL(packageFile(relative));
  if (relative.endsWith('/') && !url.pathname.endsWith('/')) url.pathname += '/';
  return url;
}

/** sheaf's version, from its package.json (the user agent, the OpenAPI document). */
export const PACKAGE_VERSION = (JSON.parse(readFileSync(packageFile('package.json'), 'utf8')) as { version: string }).version;
