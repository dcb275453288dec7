// **buildDist** (vitest global set-up) builds dist/ when it was not built from today's sources, so tests that spawn
// bin/sheaf.js run what users run, compiled from the code under test.
import { build } from '../scripts/build.js';

export default function buildDist(): void {
  build();
}
