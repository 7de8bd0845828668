// The account pages: a summary, then one page per thing to change (details, about you,
// communication needs, password) and personal API tokens. Signed-out visitors are sent to sign in.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ValidationError } from '../../platform/errors.js';
import type { App } from '../../platform/server.js';
import { formErrors } from '../../platform/views.js';
import { registerFlash } from '../../platform/web/flash.js';
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
} from './aboutYou.js';
import { changePassword, getOwnAccount, updateAboutYou, updateCommunicationNeeds, updateDetails } from './accountDetails.js';
import { createApiToken, listApiTokens, revokeApiToken } from './apiTokens.js';
import { formValue, formValues, handleForm, idParam, redirectToSignIn } from './http.js';
import { sessionCookieName } from './sessions.js';
import { maxPasswordLength, minPasswordLength } from './validation.js';

const view = (name: string) => `accounts/views/${name}.njk`;
const aboutYouOptions = { ageBands, sexes, yesNo, disabilities, ethnicGroups };

/** Pages need a signed-in person: others go to sign in and come back. */
function signedOut(request: FastifyRequest): boolean {
  return request.actor.accountId === null;
}

export async function registerAccountPageRoutes(app: App): Promise<void> {
  const { deps } = app;
  registerFlash('account-details-saved', 'Your details have been saved.');
  registerFlash('about-you-saved', 'Your answers about you have been saved.');
  registerFlash('communication-needs-saved', 'Your communication needs have been saved.');
  registerFlash('password-changed', 'Your password has been changed. You have been signed out on other devices.');
  registerFlash('api-token-revoked', 'The API token has been revoked. It no longer works.');

  app.get('/account', async (request, reply) => {
    if (signedOut(request)) return redirectToSignIn(request, reply);
    const account = await getOwnAccount(deps, request.actor);
    return reply.render(view('account'), { title: 'Your account', account, aboutYouRows: describeAboutYou(account.aboutYou) });
  });

  // ---- name and display name ----
  app.get('/account/details', async (request, reply) => {
    if (signedOut(request)) return redirectToSignIn(request, reply);
    const account = await getOwnAccount(deps, request.actor);
    return reply.render(view('account-details'), { title: 'Your name', values: { name: account.name, displayName: account.displayName } });
  });

  app.post('/account/details', async (request, reply) => {
    const values = { name: formValue(request.body, 'name'), displayName: formValue(request.body, 'displayName') };
    return handleForm(reply, view('account-details'), { title: 'Your name', values }, async () => {
      await updateDetails(deps, request.actor, values);
      return reply.redirect('/account?done=account-details-saved', 303);
    });
  });

  // ---- about you ----
  const aboutYouFields = [...Object.keys(aboutYouQuestions), 'postcodeDistrict'];
  app.get('/account/about-you', async (request, reply) => {
    if (signedOut(request)) return redirectToSignIn(request, reply);
    const account = await getOwnAccount(deps, request.actor);
    return reply.render(view('about-you'), { title: 'About you', values: account.aboutYou, ...aboutYouOptions });
  });

  app.post('/account/about-you', async (request, reply) => {
    const values = Object.fromEntries(aboutYouFields.map((f) => [f, formValue(request.body, f)]));
    return handleForm(reply, view('about-you'), { title: 'About you', values, ...aboutYouOptions }, async () => {
      await updateAboutYou(deps, request.actor, values);
      return reply.redirect('/account?done=about-you-saved', 303);
    });
  });

  // ---- communication needs ----
  app.get('/account/communication-needs', async (request, reply) => {
    if (signedOut(request)) return redirectToSignIn(request, reply);
    const account = await getOwnAccount(deps, request.actor);
    return reply.render(view('communication-needs'), {
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
    return handleForm(reply, view('communication-needs'), context, async () => {
      await updateCommunicationNeeds(deps, request.actor, values);
      return reply.redirect('/account?done=communication-needs-saved', 303);
    });
  });

  // ---- password ----
  const passwordContext = { title: 'Change your password', minPasswordLength, maxPasswordLength };
  app.get('/account/password', async (request, reply) => {
    if (signedOut(request)) return redirectToSignIn(request, reply);
    return reply.render(view('change-password'), passwordContext);
  });

  app.post('/account/password', async (request, reply) => {
    return handleForm(reply, view('change-password'), passwordContext, async () => {
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
  const tokensPage = async (request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}) =>
    reply.render(view('api-tokens'), { title: 'API tokens', tokens: await listApiTokens(deps, request.actor), values: {}, ...extra });

  app.get('/account/api-tokens', async (request, reply) => {
    if (signedOut(request)) return redirectToSignIn(request, reply);
    return tokensPage(request, reply);
  });

  // The new token is shown on this response, once, rather than after a redirect: it is never stored.
  app.post('/account/api-tokens', async (request, reply) => {
    const values = { label: formValue(request.body, 'label') };
    try {
      const created = await createApiToken(deps, request.actor, values);
      reply.header('cache-control', 'no-store');
      return tokensPage(request, reply, { created });
    } catch (error) {
      if (error instanceof ValidationError) return tokensPage(request, reply.code(422), { values, ...formErrors(error.fieldErrors) });
      throw error;
    }
  });

  app.post('/account/api-tokens/:id/revoke', async (request, reply) => {
    await revokeApiToken(deps, request.actor, idParam(request, 'id'));
    return reply.redirect('/account/api-tokens?done=api-token-revoked', 303);
  });
}
