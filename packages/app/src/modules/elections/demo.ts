// Placeholder: the demo follows.
import type { DemoStep } from '../../platform/module.js';

export const electionsDemo: DemoStep[] = [];
