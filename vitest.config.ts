// Vitest runs the project's own tests; conformance suites and benchmarks run by their own scripts.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/conformance/**', 'node_modules/**'],
    // Tests that spawn bin/sheaf.js run the compiled CLI: dist/ is rebuilt first when the sources changed.
    globalSetup: ['test/build-dist.ts'],
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
