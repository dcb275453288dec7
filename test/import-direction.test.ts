// Imports point one way (core ← store/normalise/validate/harvesters/state ← catalogue ← pipeline/ontology/search/quality/federation ← web ← serve ← cli).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { areaOf, brokenRule, importViolations } from './import-layers.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const listed = (root: string) => importViolations(root).map((v) => `${v.file} → ${v.specifier}: ${v.rule}`);

/** Known breaks, each to be removed when fixed (the test fails on an entry that no longer breaks, so the list stays true). */
const KNOWN: ReadonlySet<string> = new Set([]);

describe('import direction', () => {
  it('no file under src/ or harvesters/ imports a higher layer or another folder of its own layer', () => {
    const all = importViolations(ROOT);
    const broken = all.filter((v) => !KNOWN.has(`${v.file} → ${v.specifier}`)).map((v) => `${v.file} → ${v.specifier}: ${v.rule}`);
    expect(broken, `imports against the layering:\n${broken.join('\n')}`).toEqual([]);
    const still = new Set(all.map((v) => `${v.file} → ${v.specifier}`));
    const mended = [...KNOWN].filter((k) => !still.has(k));
    expect(mended, `no longer breaking the layering: remove from KNOWN:\n${mended.join('\n')}`).toEqual([]);
  });

  it('names the area of a path: src folders, src/cli.ts as cli, top-level harvesters', () => {
    expect(areaOf('src/catalogue/record-index.ts')).toBe('catalogue');
    expect(areaOf('src/serve/dcat-catalogue/index.ts')).toBe('serve');
    expect(areaOf('src/cli.ts')).toBe('cli');
    expect(areaOf('harvesters/ckan/index.ts')).toBe('harvesters');
    expect(areaOf('test/free-port.ts')).toBeUndefined();
  });

  it('allows imports down and at home, refuses them up, sideways and from a folder in no layer', () => {
    expect(brokenRule('catalogue', 'core')).toBeUndefined();
    expect(brokenRule('cli', 'serve')).toBeUndefined();
    // serve's buildApp composes the API with web's pages; the pages never import serve.
    expect(brokenRule('serve', 'web')).toBeUndefined();
    expect(brokenRule('web', 'serve')).toMatch(/web \(layer 4\) must not import serve \(higher layer 5\)/);
    expect(brokenRule('pipeline', 'pipeline')).toBeUndefined();
    expect(brokenRule('validate', 'ontology')).toMatch(/validate \(layer 1\) must not import ontology \(higher layer 3\)/);
    expect(brokenRule('pipeline', 'ontology')).toMatch(/pipeline and ontology share layer 3/);
    expect(brokenRule('widgets', 'core')).toMatch(/src\/widgets is in no layer/);
  });

  it('reads static, type-only, re-exported and dynamic imports from the files on disk', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'sheaf-layers-'));
    try {
      const write = (file: string, text: string) => {
        mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
        writeFileSync(path.join(root, file), text);
      };
      write('src/core/errors.ts', "import { x } from '../serve/app.js';\n");
      write('src/store/a.ts', "import type { Y } from '../catalogue/y.js';\nexport { z } from '../core/errors.js';\n");
      write('src/search/b.ts', "// import { q } from '../quality/q.js';\nconst m = await import('../quality/q.js');\n");
      write('harvesters/c/index.ts', "import { p } from '../../src/pipeline/p.js';\nimport { n } from 'n3';\n");
      write('src/serve/app.ts', "import { e } from '../core/errors.js';\n");
      expect(listed(root).sort()).toEqual([
        'harvesters/c/index.ts → ../../src/pipeline/p.js: harvesters (layer 1) must not import pipeline (higher layer 3): imports point down only',
        'src/core/errors.ts → ../serve/app.js: core (layer 0) must not import serve (higher layer 5): imports point down only',
        'src/search/b.ts → ../quality/q.js: search and quality share layer 3: no two folders of one layer import each other',
        'src/store/a.ts → ../catalogue/y.js: store (layer 1) must not import catalogue (higher layer 2): imports point down only',
      ]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
