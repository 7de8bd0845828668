// The API of citizens' assemblies (being written).
import type { App } from '../../../platform/web/types.js';

export async function registerAssemblyApi(_app: App): Promise<void> {}
