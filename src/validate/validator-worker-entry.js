// **validator-worker-entry** starts a validation worker thread: registers the TypeScript loader, then runs the worker.
// Worker threads do not inherit the parent's loader (tsx under bin/sheaf.js, Vite under vitest), so each worker
// registers tsx itself; that costs about a second per worker, paid once per pool.
import { register } from 'tsx/esm/api';

register();
await import('./validator-worker.ts');
