// **run** dispatches `npm run conformance -- <suite> --external DIR` to one manifest-driven suite.
type Suite = (args: readonly string[]) => Promise<number>;

// The suite registry: one row per suite; each module's default export runs it and returns an exit code.
const SUITES = new Map<string, () => Promise<{ default: Suite }>>([
  ['sparql-protocol', () => import('./sparql-protocol.js')],
  ['shacl', () => import('./shacl.js')],
  ['dcat-ap', () => import('./dcat-ap-output.js')],
  ['ontology-versions', () => import('./ontology-versions.js')],
  ['differential', () => import('./differential.js')],
]);

const [name, ...args] = process.argv.slice(2);
const load = name === undefined ? undefined : SUITES.get(name);
if (load === undefined) {
  console.error(`usage: npm run conformance -- <${[...SUITES.keys()].join('|')}> --external DIR`);
  process.exitCode = 2;
} else {
  try {
    process.exitCode = await (await load()).default(args);
  } catch (error) {
    // A suite that cannot load its manifest or fixtures fails the run loudly.
    console.error(`conformance ${name}: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    process.exitCode = 1;
  }
}
// Suites close what they open, but a stray handle (a keep-alive socket, a timer) must not hang CI.
process.exit();
