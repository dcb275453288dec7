// **oxigraph-worker-entry** boots the index worker: worker threads do not inherit the TypeScript loader, so
// register it here (plain JS, loadable by bare Node), then run the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./oxigraph-worker.ts');
