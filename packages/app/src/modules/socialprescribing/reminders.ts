// PLACEHOLDER until the backend helper writes the follow-up reminder job.
import type { ModuleJob } from '../../platform/module.js';

export const followUpReminderJob: ModuleJob = { name: 'socialprescribing.followUpReminders', everyMs: 600_000, run: async () => 0 };
