// Entry of the SQLite store's worker thread. The worker starts with no loader flags (the app may
// run under tsx, vitest or a plain build), so it registers tsx's TypeScript loader itself.
import { register } from 'tsx/esm/api';

register();
await import('./sqlite-worker.ts');
