// Worker-thread entry that can run a TypeScript module. Node 20 does not apply `--import tsx` to a
// worker's own entry file, so we register tsx's loader here and then import the real entry
// (workerData.entry, a file URL).
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
