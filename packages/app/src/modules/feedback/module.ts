// Feedback that gets answered: stories told, de-identified and moderated, answered in public with
// changes made, alerts and digests for staff, the Friends and Family Test, figures and open data.
import type { InvolveModule } from '../../platform/module.js';
import { sendStoryDigests } from './alerts.js';
import { runDeidentify } from './deidentifyCli.js';
import { feedbackDemo } from './demo.js';
import * as m0001 from './migrations/0001_feedback.js';
import * as m0002 from './migrations/0002_fft_month_index.js';
import { feedbackPolicy } from './policy.js';
import { registerFeedbackRoutes } from './routes.js';
import { feedbackTables } from './schema.js';

export const feedbackModule: InvolveModule = {
  name: 'feedback',
  tables: feedbackTables,
  migrations: { '0001_feedback': { ...m0001, formerName: '0006_feedback' }, '0002_fft_month_index': m0002 },
  routes: registerFeedbackRoutes,
  policy: feedbackPolicy,
  jobs: [
    {
      // Daily story digests: checked hourly; each subscriber gets at most one a day.
      name: 'story digests',
      everyMs: 60 * 60_000,
      run: ({ db, config, actor, now }) => sendStoryDigests({ db, config }, actor, now),
    },
  ],
  commands: [
    {
      name: 'deidentify',
      summary: 'read text on stdin; print the identifiers in it as JSON',
      run: ({ stdin, stdout }) => runDeidentify(stdin, stdout),
    },
  ],
  demo: feedbackDemo,
};
