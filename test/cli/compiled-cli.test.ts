// The compiled CLI: bin/sheaf.js runs dist/ without a TypeScript loader, each command loads only what it uses, a
// closed output pipe ends a command quietly, and SIGTERM to `npm start` stops the server.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { freePort } from '../free-port.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const DIST = path.join(ROOT, 'dist');

/** The packages a compiled module loads before any of its code runs: its static imports, followed through dist/. */
function staticPackages(entry: string): Set<string> {
  const seen = new Set<string>();
  const packages = new Set<string>();
  const queue = [path.join(DIST, entry)];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    // Compiled JavaScript: type-only imports are gone, dynamic `import()` calls do not match.
    for (const m of readFileSync(file, 'utf8').matchAll(/^\s*(?:import|export)\s+(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm)) {
      const specifier = m[1]!;
      if (specifier.startsWith('.')) queue.push(path.resolve(path.dirname(file), specifier));
      else if (!specifier.startsWith('node:')) packages.add(specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!);
    }
  }
  return packages;
}

describe('compiled CLI', () => {
  it('runs dist/ with no TypeScript loader', () => {
    const bin = readFileSync(path.join(ROOT, 'bin/sheaf.js'), 'utf8');
    expect(bin).toContain('dist/src/cli.js');
    expect(bin).not.toMatch(/tsx|\.ts['"]/);
    expect(existsSync(path.join(DIST, 'src/cli.js'))).toBe(true);
    // The pages (.tsx), the worker scripts and the profiles composed by the build are all there.
    for (const f of ['src/web/layout.js', 'src/store/oxigraph-worker.js', 'src/validate/validator-worker.js', 'profiles/eucaim.nq']) {
      expect(existsSync(path.join(DIST, f)), f).toBe(true);
    }
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { dependencies: object; devDependencies: object; scripts: Record<string, string> };
    expect(Object.keys(pkg.dependencies)).not.toContain('tsx');
    expect(Object.keys(pkg.devDependencies)).toContain('tsx');
    expect(pkg.scripts.prepare).toMatch(/build/);
  });

  it('loads only commander for --help, and each command its own modules when it runs', () => {
    expect([...staticPackages('src/cli.js')]).toEqual(['commander']);
    const validate = staticPackages('src/cli/run-validate.js');
    expect(validate).toContain('shacl-engine');
    for (const heavy of ['fastify', 'undici', 'jsonld', 'better-sqlite3', 'oxigraph', 'rdf-ext', '@comunica/query-sparql']) {
      expect(validate, heavy).not.toContain(heavy);
    }
  });

  it('ends quietly when the reader of its output goes away (sheaf validate … | head)', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'sheaf-epipe-'));
    try {
      // Enough results to overflow a pipe's buffer: every dataset lacks its mandatory properties.
      const file = path.join(dir, 'many.ttl');
      const lines = ['@prefix dcat: <http://www.w3.org/ns/dcat#> .'];
      for (let i = 0; i < 400; i++) lines.push(`<http://example.org/d${i}> a dcat:Dataset .`);
      await writeFile(file, lines.join('\n'));
      const child = spawn(process.execPath, [path.join(ROOT, 'bin/sheaf.js'), 'validate', file, '--raw'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d));
      // Read the first chunk, then close the pipe as `head` does.
      const first = await new Promise<string>((resolve) => child.stdout.once('data', (d: Buffer) => resolve(d.toString())));
      child.stdout.destroy();
      const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
      expect(first).toContain('non-conformant');
      expect(stderr).not.toMatch(/EPIPE|Unhandled|at .*\(node:/);
      expect(code).toBe(1); // the data's verdict, not a crash
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('stops the server when `npm start` gets SIGTERM', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'sheaf-npm-start-'));
    const port = await freePort();
    const npm = spawn('npm', ['start'], {
      cwd: ROOT, env: { ...process.env, SHEAF_PORT: String(port), SHEAF_DATA_DIR: dir, SHEAF_DEMO: 'false', SHEAF_ADMIN_TOKEN: 'x' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    npm.stdout.on('data', (d: Buffer) => (output += d));
    npm.stderr.on('data', (d: Buffer) => (output += d));
    const health = () => fetch(`http://127.0.0.1:${port}/health`).then((r) => r.ok, () => false);
    // The server's own pid, from its log: killed in `finally` should the test fail with it still running.
    const serverPid = () => Number(/"pid":(\d+)/.exec(output)?.[1]);
    try {
      const until = Date.now() + 90_000;
      while (!(await health())) {
        if (Date.now() > until || npm.exitCode !== null) throw new Error(`npm start did not serve /health:\n${output}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      npm.kill('SIGTERM');
      await new Promise((r) => npm.once('exit', r));
      const stopBy = Date.now() + 30_000;
      while ((await health()) && Date.now() < stopBy) await new Promise((r) => setTimeout(r, 100));
      expect(await health()).toBe(false);
      const loggedBy = Date.now() + 10_000;
      while (!output.includes('shut down cleanly') && Date.now() < loggedBy) await new Promise((r) => setTimeout(r, 100));
      expect(output).toMatch(/shut down cleanly/);
    } finally {
      if (npm.exitCode === null) npm.kill('SIGKILL');
      const pid = serverPid();
      if (pid > 0 && (await health())) process.kill(pid, 'SIGKILL');
      await rm(dir, { recursive: true, force: true });
    }
  });
});
