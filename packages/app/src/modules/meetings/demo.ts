import type { DemoStep } from '../../platform/module.js';
export const meetingsDemo: DemoStep[] = [];
