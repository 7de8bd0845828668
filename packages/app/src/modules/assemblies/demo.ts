// Demo data of citizens' assemblies (being written).
import type { DemoStep } from '../../platform/module.js';

export const assembliesDemo: readonly DemoStep[] = [];
