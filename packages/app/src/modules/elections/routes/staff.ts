// Placeholder until its owner writes it (see /work/notes/elections-spec.md).
import type { App } from '../../../platform/web/types.js';

export async function registerStaffElectionRoutes(_app: App): Promise<void> {}
