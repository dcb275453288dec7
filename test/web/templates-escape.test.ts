// Every value a console template prints is escaped: the typed-template checker finds no unescaped string in src/web.
import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const WEB = path.join(ROOT, 'src', 'web');

describe('console templates', () => {
  it('print no string without escaping it (xss-scan over every .tsx file)', async () => {
    const files = readdirSync(WEB, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.tsx')).map((f) => path.join(WEB, f));
    expect(files.length).toBeGreaterThan(0);
    const bin = path.join(ROOT, 'node_modules', '.bin', 'xss-scan');
    const result = await promisify(execFile)(bin, files, { cwd: ROOT }).then(
      (r) => ({ code: 0, out: `${r.stdout}${r.stderr}` }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: `${e.stdout}${e.stderr}` }),
    );
    expect(result.out).toContain('No XSS vulnerabilities found');
    expect(result.code).toBe(0);
  }, 120_000);
});
