// **importViolations** lists the imports that point the wrong way between sheaf's layers (the design's one-way rule).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/**
 * The layers from the bottom up: a folder may import its own files and folders of lower layers only, never a
 * higher layer nor another folder of its own layer. `harvesters/` sits at the repository's top level; every other
 * area is a folder of src/ (src/cli.ts belongs to cli). A folder missing here is reported, so a new one gets a place.
 *
 * The HTTP layer is two: web (the pages for people, Fastify plugins over the same services) under serve, whose
 * `buildApp` composes the JSON API with those pages and hands their templates to its routes (the dataset page's
 * HTML, the SPARQL editor). Web never imports serve: what both need (the search contract, dataset page ids, the
 * dataset view, RDF serialisation) sits lower, in search and core; web reaches the API itself over HTTP.
 */
export const LAYERS: readonly (readonly string[])[] = Object.freeze([
  ['core'],
  ['store', 'normalise', 'validate', 'harvesters', 'state'],
  ['catalogue'],
  ['pipeline', 'ontology', 'search', 'quality', 'federation'],
  ['web'],
  ['serve'],
  ['cli'],
]);

export interface ImportViolation {
  readonly file: string;
  readonly specifier: string;
  readonly rule: string;
}

const SOURCE = /\.(?:tsx?|jsx?|mjs|cjs)$/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && SOURCE.test(e.name) && !e.name.endsWith('.d.ts'))
    .map((e) => path.join(e.parentPath, e.name));
}

/** The area (layer folder) a repository-relative path belongs to, or undefined outside src/ and harvesters/. */
export function areaOf(relative: string): string | undefined {
  const parts = relative.split(/[\\/]/);
  if (parts[0] === 'harvesters') return 'harvesters';
  if (parts[0] !== 'src' || parts.length < 2) return undefined;
  return parts.length === 2 ? parts[1]!.replace(SOURCE, '') : parts[1];
}

const layerOf = (area: string): number => LAYERS.findIndex((names) => names.includes(area));

/** The rule broken when `from` imports `to`, or undefined when the import points down (or stays home). */
export function brokenRule(from: string, to: string): string | undefined {
  if (from === to) return undefined;
  const a = layerOf(from);
  const b = layerOf(to);
  if (a < 0) return `src/${from} is in no layer: give it one in LAYERS`;
  if (b < 0) return `src/${to} is in no layer: give it one in LAYERS`;
  if (b > a) return `${from} (layer ${a}) must not import ${to} (higher layer ${b}): imports point down only`;
  if (b === a) return `${from} and ${to} share layer ${a}: no two folders of one layer import each other`;
  return undefined;
}

/** Every relative import (static, re-export, dynamic, type-only) under src/ and harvesters/ that breaks a rule. */
export function importViolations(root: string): ImportViolation[] {
  const out: ImportViolation[] = [];
  for (const file of [...sourceFiles(path.join(root, 'src')), ...sourceFiles(path.join(root, 'harvesters'))]) {
    const rel = path.relative(root, file);
    const from = areaOf(rel)!;
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    for (const { fileName: specifier } of importedFiles) {
      if (!specifier.startsWith('.')) continue;
      const target = path.relative(root, path.resolve(path.dirname(file), specifier));
      const to = areaOf(target);
      if (to === undefined) continue;
      const rule = brokenRule(from, to);
      if (rule !== undefined) out.push({ file: rel, specifier, rule });
    }
  }
  return out;
}
