// The job that computes queued selection rounds (being written).
import type { ModuleJob } from '../../platform/module.js';

export const selectionJob: ModuleJob = { name: 'assemblies.selections', everyMs: 2000, run: async () => 0 };
