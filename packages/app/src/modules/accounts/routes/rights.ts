// A person's rights, as pages: change the email address (the link goes to the new address), see
// everything held about them (and download it as JSON), and close the account.
import type { FastifyRequest } from 'fastify';
import type { PersonalData } from '../../../platform/rights.js';
import { type App, formValue, handleForm, requireSignInHook, view } from '../../../platform/web/index.js';
import { clearSessionCookie } from '../sessions.js';
import { closeOwnAccount, confirmEmailChange, ownPersonalData, requestEmailChange } from '../yourRights.js';

const page = view('accounts');
const signedIn = { onRequest: requireSignInHook };
const linkProblemStatus = { expired: 410, used: 410, unknown: 404, taken: 409 } as const;

/** The data as the page shows it: each row's fields as text (nested values as JSON). */
export function readableData(data: PersonalData) {
  const asText = (value: unknown) =>
    value === null || value === undefined
      ? ''
      : value instanceof Date
        ? value.toISOString()
        : typeof value === 'object'
          ? JSON.stringify(value)
          : String(value);
  return Object.entries(data).map(([module, tables]) => ({
    module,
    tables: Object.entries(tables).map(([table, rows]) => ({
      table,
      rows: rows.map((row) => Object.entries(row as Record<string, unknown>).map(([field, value]) => ({ field, value: asText(value) }))),
    })),
  }));
}

export async function registerRightsRoutes(app: App): Promise<void> {
  const { deps, rights } = app;
  const rightsDeps = { db: deps.db, rights };

  // ---- change email ----
  const emailContext = (request: FastifyRequest, values: Record<string, string>) => ({
    title: 'Change your email address',
    currentEmail: request.account?.email,
    values,
  });
  app.get('/account/email', signedIn, async (request, reply) => reply.render(page('change-email'), emailContext(request, {})));

  app.post('/account/email', async (request, reply) => {
    const values = { newEmail: formValue(request.body, 'newEmail') };
    return handleForm(reply, { template: page('change-email'), context: emailContext(request, values) }, async () => {
      const { email } = await requestEmailChange(deps, request.actor, { newEmail: values.newEmail, password: formValue(request.body, 'password') });
      return reply.render(page('change-email-sent'), { title: 'Check your new email address', email });
    });
  });

  app.get('/account/email/confirm/:token', async (request, reply) => {
    const { token } = request.params as { token: string };
    const outcome = await confirmEmailChange(deps, token);
    if (outcome.status !== 'changed') {
      return reply
        .code(linkProblemStatus[outcome.status])
        .render(page('link-problem'), { title: 'This link cannot be used', purpose: 'change_email', reason: outcome.status });
    }
    return reply.render(page('email-changed'), { title: 'Your email address has been changed', email: outcome.email });
  });

  // ---- your data ----
  app.get('/account/data', signedIn, async (request, reply) => {
    const data = await ownPersonalData(rightsDeps, request.actor);
    return reply.render(page('your-data'), { title: 'Your data', modules: readableData(data) });
  });

  app.get('/account/data.json', signedIn, async (request, reply) => {
    const data = await ownPersonalData(rightsDeps, request.actor);
    return reply
      .header('content-disposition', 'attachment; filename="involve-my-data.json"')
      .header('cache-control', 'no-store')
      .type('application/json; charset=utf-8')
      .send(JSON.stringify({ downloadedAt: new Date().toISOString(), data }, null, 2));
  });

  // ---- close account ----
  const closeContext = (values: Record<string, string>) => ({ title: 'Close your account', values });
  app.get('/account/close', signedIn, async (_request, reply) => reply.render(page('close-account'), closeContext({})));

  app.post('/account/close', async (request, reply) => {
    const values = { withdrawStories: formValue(request.body, 'withdrawStories') };
    return handleForm(reply, { template: page('close-account'), context: closeContext(values) }, async () => {
      await closeOwnAccount(rightsDeps, request.actor, { password: formValue(request.body, 'password'), withdrawStories: values.withdrawStories === 'yes' });
      clearSessionCookie(reply, deps.config);
      return reply.redirect('/account-closed', 303);
    });
  });

  app.get('/account-closed', async (_request, reply) => reply.render(page('account-closed'), { title: 'Your account is closed' }));
}
