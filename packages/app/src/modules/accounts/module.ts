// The accounts module: people, sign-up and sign-in, sessions and API tokens (who is asking), "about
// you" and communication needs, roles, and the mail outbox page.
import { ValidationError } from '../../platform/errors.js';
import type { InvolveModule } from '../../platform/module.js';
import { accountsDemo } from './demo.js';
import * as m0001 from './migrations/0001_accounts.js';
import * as m0002 from './migrations/0002_role_grant_organisation.js';
import * as m0003 from './migrations/0003_social_prescribing_roles.js';
import * as m0004 from './migrations/0004_account_rights.js';
import { accountsRights } from './personalData.js';
import { accountsPolicy } from './policy.js';
import { registerAccountRoutes } from './routes/index.js';
import { accountsTables } from './schema.js';
import { createPlatformAdmin } from './service.js';
import { accountsIdentity } from './sessions.js';

export const accountsModule: InvolveModule = {
  name: 'accounts',
  tables: accountsTables,
  notOnPublicPages: ['session', 'email_token', 'sign_in_attempt', 'api_token'],
  migrations: {
    '0001_accounts': { ...m0001, formerName: '0002_accounts' },
    '0002_role_grant_organisation': { ...m0002, formerName: '0004_accounts_role_grant_organisation' },
    '0003_social_prescribing_roles': m0003,
    '0004_account_rights': m0004,
  },
  routes: registerAccountRoutes,
  policy: accountsPolicy,
  flash: {
    verified: 'Your email address is confirmed and you are signed in.',
    'signed-in': 'You are signed in.',
    'signed-out': 'You have signed out.',
    'password-reset':
      'Your password has been reset. Sign in with your new password. Your API tokens were revoked: make new ones on your account page if you need them.',
    'account-details-saved': 'Your details have been saved.',
    'about-you-saved': 'Your answers about you have been saved.',
    'communication-needs-saved': 'Your communication needs have been saved.',
    'password-changed': 'Your password has been changed. You have been signed out on other devices.',
    'api-token-revoked': 'The API token has been revoked. It no longer works.',
    'role-granted': 'The role has been given.',
    'role-revoked': 'The role has been removed.',
    'platform_admin-granted': 'They are now a platform admin.',
    'platform_admin-revoked': 'They are no longer a platform admin.',
    'platform_moderator-granted': 'They are now a platform moderator.',
    'platform_moderator-revoked': 'They are no longer a platform moderator.',
  },
  identity: accountsIdentity,
  ...accountsRights,
  commands: [
    {
      name: 'create-admin',
      usage: 'EMAIL',
      summary: 'make EMAIL a platform admin (creates the account if needed)',
      async run({ args, openDatabase, stdout, stderr, actor }) {
        const email = args[0];
        if (!email) {
          stderr.write('Usage: involve create-admin EMAIL\n');
          return 2;
        }
        try {
          const result = await createPlatformAdmin({ db: await openDatabase() }, actor, email, process.env.INVOLVE_ADMIN_PASSWORD);
          stdout.write(`${result.message}\n`);
          return 0;
        } catch (error) {
          if (!(error instanceof ValidationError)) throw error;
          stderr.write(`${error.message}\nNo admin was made.\n`);
          return 2;
        }
      },
    },
  ],
  demo: accountsDemo,
};
