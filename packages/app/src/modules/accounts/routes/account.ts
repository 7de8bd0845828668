// The account pages: a summary, then one page per thing to change (details, about you,
// communication needs, password) and personal API tokens. Signed-out visitors are sent to sign in.
import type { FastifyRequest } from 'fastify';
import { type App, formValue, formValues, handleForm, idParam, requireSignInHook, view } from '../../../platform/web/index.js';
import {
  aboutYouQuestions,
  ageBands,
  communicationNeedOptions,
  communicationNeedsFormValues,
  describeAboutYou,
  disabilities,
  ethnicGroups,
  sexes,
  yesNo,
} from '../aboutYou.js';
import { changePassword, getOwnAccount, updateAboutYou, updateCommunicationNeeds, updateDetails } from '../accountDetails.js';
import { createApiToken, listApiTokens, revokeApiToken } from '../apiTokens.js';
import { sessionCookieName } from '../sessions.js';
import { maxPasswordLength, minPasswordLength } from '../validation.js';

const page = view('accounts');
const aboutYouOptions = { ageBands, sexes, yesNo, disabilities, ethnicGroups };
/** Pages need a signed-in person: others go to sign in and come back. */
const signedIn = { onRequest: requireSignInHook };

export async function registerAccountPageRoutes(app: App): Promise<void> {
  const { deps } = app;

  app.get('/account', signedIn, async (request, reply) => {
    const account = await getOwnAccount(deps, request.actor);
    // Other modules' pages for this person ("Your stories", "Your complaints", …), each only when they may use it.
    const links = await deps.pageLinks('account', request.actor);
    return reply.render(page('account'), { title: 'Your account', account, aboutYouRows: describeAboutYou(account.aboutYou), links });
  });

  // ---- name and display name ----
  app.get('/account/details', signedIn, async (request, reply) => {
    const account = await getOwnAccount(deps, request.actor);
    return reply.render(page('account-details'), { title: 'Your name', values: { name: account.name, displayName: account.displayName } });
  });

  app.post('/account/details', async (request, reply) => {
    const values = { name: formValue(request.body, 'name'), displayName: formValue(request.body, 'displayName') };
    return handleForm(reply, { template: page('account-details'), context: { title: 'Your name', values } }, async () => {
      await updateDetails(deps, request.actor, values);
      return reply.redirect('/account?done=account-details-saved', 303);
    });
  });

  // ---- about you ----
  const aboutYouFields = [...Object.keys(aboutYouQuestions), 'postcodeDistrict'];
  app.get('/account/about-you', signedIn, async (request, reply) => {
    const account = await getOwnAccount(deps, request.actor);
    return reply.render(page('about-you'), { title: 'About you', values: account.aboutYou, ...aboutYouOptions });
  });

  app.post('/account/about-you', async (request, reply) => {
    const values = Object.fromEntries(aboutYouFields.map((f) => [f, formValue(request.body, f)]));
    return handleForm(reply, { template: page('about-you'), context: { title: 'About you', values, ...aboutYouOptions } }, async () => {
      await updateAboutYou(deps, request.actor, values);
      return reply.redirect('/account?done=about-you-saved', 303);
    });
  });

  // ---- communication needs ----
  app.get('/account/communication-needs', signedIn, async (request, reply) => {
    const account = await getOwnAccount(deps, request.actor);
    return reply.render(page('communication-needs'), {
      title: 'Your communication needs',
      values: communicationNeedsFormValues(account.communicationNeeds),
      options: communicationNeedOptions,
    });
  });

  app.post('/account/communication-needs', async (request, reply) => {
    const values = {
      needs: formValues(request.body, 'needs'),
      interpreterLanguage: formValue(request.body, 'interpreterLanguage'),
      otherNeeds: formValue(request.body, 'otherNeeds'),
      share: formValue(request.body, 'share'),
    };
    const context = { title: 'Your communication needs', values, options: communicationNeedOptions };
    return handleForm(reply, { template: page('communication-needs'), context }, async () => {
      await updateCommunicationNeeds(deps, request.actor, values);
      return reply.redirect('/account?done=communication-needs-saved', 303);
    });
  });

  // ---- password ----
  const passwordContext = { title: 'Change your password', minPasswordLength, maxPasswordLength };
  app.get('/account/password', signedIn, async (_request, reply) => {
    return reply.render(page('change-password'), passwordContext);
  });

  app.post('/account/password', async (request, reply) => {
    return handleForm(reply, { template: page('change-password'), context: passwordContext }, async () => {
      await changePassword(deps, request.actor, {
        currentPassword: formValue(request.body, 'currentPassword'),
        newPassword: formValue(request.body, 'newPassword'),
        confirmPassword: formValue(request.body, 'confirmPassword'),
        keepSession: request.cookies[sessionCookieName],
      });
      return reply.redirect('/account?done=password-changed', 303);
    });
  });

  // ---- personal API tokens ----
  const tokensContext = async (request: FastifyRequest, values: Record<string, string>) => ({
    title: 'API tokens',
    tokens: await listApiTokens(deps, request.actor),
    values,
  });

  app.get('/account/api-tokens', signedIn, async (request, reply) => {
    return reply.render(page('api-tokens'), await tokensContext(request, {}));
  });

  // The new token is shown on this response, once, rather than after a redirect: it is never stored.
  app.post('/account/api-tokens', async (request, reply) => {
    const values = { label: formValue(request.body, 'label') };
    return handleForm(reply, { template: page('api-tokens'), context: () => tokensContext(request, values) }, async () => {
      const created = await createApiToken(deps, request.actor, values);
      reply.header('cache-control', 'no-store');
      return reply.render(page('api-tokens'), { ...(await tokensContext(request, {})), created });
    });
  });

  app.post('/account/api-tokens/:id/revoke', async (request, reply) => {
    await revokeApiToken(deps, request.actor, idParam(request, 'id'));
    return reply.redirect('/account/api-tokens?done=api-token-revoked', 303);
  });
}
