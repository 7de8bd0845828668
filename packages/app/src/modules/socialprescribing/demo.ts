// PLACEHOLDER until the backend helper writes the demo (spec: /work/notes/socialprescribing-spec.md).
import type { DemoStep } from '../../platform/module.js';

export const socialPrescribingDemo: DemoStep[] = [];
