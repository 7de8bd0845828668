// Pages for signing up, confirming an email address, signing in and out, and resetting a password.
import { TooManyAttemptsError } from '../../../platform/errors.js';
import { type App, errorsFor, formValue, handleForm, queryValue, rotateCsrfToken, safeNextPath, view } from '../../../platform/web/index.js';
import { checkResetLink, requestPasswordReset, resetPassword } from '../passwordReset.js';
import { clearSessionCookie, sessionCookieName, startSessionCookie } from '../sessions.js';
import { signIn, signOut } from '../signIn.js';
import { resendVerification, signUp, verifyEmail } from '../signUp.js';
import { maxPasswordLength, minPasswordLength } from '../validation.js';

const page = view('accounts');
const passwordRule = { minPasswordLength, maxPasswordLength };

const linkProblemStatus = { expired: 410, used: 410, unknown: 404 } as const;

export async function registerPublicAccountRoutes(app: App): Promise<void> {
  const { deps } = app;

  // ---- sign up ----
  app.get('/sign-up', async (request, reply) => {
    if (request.account) return reply.redirect('/account', 303);
    return reply.render(page('sign-up'), { title: 'Create an account', values: {}, ...passwordRule });
  });

  app.post('/sign-up', async (request, reply) => {
    const values = {
      name: formValue(request.body, 'name'),
      displayName: formValue(request.body, 'displayName'),
      email: formValue(request.body, 'email'),
    };
    const input = { ...values, password: formValue(request.body, 'password'), confirmPassword: formValue(request.body, 'confirmPassword') };
    return handleForm(reply, { template: page('sign-up'), context: { title: 'Create an account', values, ...passwordRule } }, async () => {
      const { email } = await signUp(deps, input);
      deps.kickMail();
      return reply.redirect(`/sign-up/check-email?email=${encodeURIComponent(email)}`, 303);
    });
  });

  app.get('/sign-up/check-email', async (request, reply) => {
    return reply.render(page('check-email'), { title: 'Check your email', email: queryValue(request, 'email'), resent: queryValue(request, 'resent') === '1' });
  });

  app.get('/verify-email/:token', async (request, reply) => {
    const { token } = request.params as { token: string };
    const outcome = await verifyEmail(deps, token);
    if (outcome.status !== 'verified') {
      return reply
        .code(linkProblemStatus[outcome.status])
        .render(page('link-problem'), { title: 'This link cannot be used', purpose: 'verify', reason: outcome.status });
    }
    await startSessionCookie(reply, request, deps.db, deps.config, outcome.sessionSecret);
    return reply.redirect('/account?done=verified', 303);
  });

  app.get('/resend-verification', async (request, reply) => {
    return reply.render(page('resend-verification'), { title: 'Send the confirmation link again', values: { email: queryValue(request, 'email') } });
  });

  app.post('/resend-verification', async (request, reply) => {
    const values = { email: formValue(request.body, 'email') };
    return handleForm(reply, { template: page('resend-verification'), context: { title: 'Send the confirmation link again', values } }, async () => {
      const { email } = await resendVerification(deps, values);
      deps.kickMail();
      return reply.redirect(`/sign-up/check-email?email=${encodeURIComponent(email)}&resent=1`, 303);
    });
  });

  // ---- sign in and out ----
  app.get('/sign-in', async (request, reply) => {
    const next = safeNextPath(queryValue(request, 'next')) ?? '';
    if (request.account) return reply.redirect(next || '/account', 303);
    return reply.render(page('sign-in'), { title: 'Sign in', values: {}, next });
  });

  app.post('/sign-in', async (request, reply) => {
    const next = safeNextPath(formValue(request.body, 'next')) ?? '';
    const values = { email: formValue(request.body, 'email') };
    const context = { title: 'Sign in', values, next };
    return handleForm(reply, { template: page('sign-in'), context }, async () => {
      try {
        const outcome = await signIn(deps, { email: values.email, password: formValue(request.body, 'password'), address: request.ip });
        if (outcome.status === 'unverified') {
          return reply.code(403).render(page('sign-in-unverified'), { title: 'Confirm your email address first', email: outcome.email });
        }
        await startSessionCookie(reply, request, deps.db, deps.config, outcome.sessionSecret);
        rotateCsrfToken(request, reply, deps.config.secureCookies);
        return reply.redirect(next || '/account?done=signed-in', 303);
      } catch (error) {
        // Too many tries: the form again, saying how long to wait (429, not a rule broken).
        if (error instanceof TooManyAttemptsError) return reply.code(429).render(page('sign-in'), { ...context, ...errorsFor({ email: error.message }) });
        throw error;
      }
    });
  });

  // Signing out is a form (it changes something, so it carries the CSRF token in its body); the
  // header's "Sign out" link leads here, and works with JavaScript off.
  app.get('/sign-out', async (request, reply) => {
    if (!request.account) return reply.redirect('/', 303);
    return reply.render(page('sign-out'), { title: 'Sign out' });
  });

  app.post('/sign-out', async (request, reply) => {
    await signOut(deps, request.cookies[sessionCookieName], request.actor);
    clearSessionCookie(reply, deps.config);
    return reply.redirect('/?done=signed-out', 303);
  });

  // ---- password reset ----
  app.get('/forgot-password', async (_request, reply) => {
    return reply.render(page('forgot-password'), { title: 'Reset your password', values: {} });
  });

  app.post('/forgot-password', async (request, reply) => {
    const values = { email: formValue(request.body, 'email') };
    return handleForm(reply, { template: page('forgot-password'), context: { title: 'Reset your password', values } }, async () => {
      const { email } = await requestPasswordReset(deps, values);
      deps.kickMail();
      return reply.redirect(`/forgot-password/sent?email=${encodeURIComponent(email)}`, 303);
    });
  });

  app.get('/forgot-password/sent', async (request, reply) => {
    return reply.render(page('forgot-password-sent'), { title: 'Check your email', email: queryValue(request, 'email') });
  });

  app.get('/reset-password/:token', async (request, reply) => {
    const { token } = request.params as { token: string };
    const state = await checkResetLink(deps, token);
    if (state !== 'valid') {
      return reply.code(linkProblemStatus[state]).render(page('link-problem'), { title: 'This link cannot be used', purpose: 'reset', reason: state });
    }
    return reply.render(page('reset-password'), { title: 'Choose a new password', token, ...passwordRule });
  });

  app.post('/reset-password/:token', async (request, reply) => {
    const { token } = request.params as { token: string };
    const context = { title: 'Choose a new password', token, ...passwordRule };
    return handleForm(reply, { template: page('reset-password'), context }, async () => {
      const outcome = await resetPassword(deps, token, {
        password: formValue(request.body, 'password'),
        confirmPassword: formValue(request.body, 'confirmPassword'),
      });
      if (outcome.status !== 'reset') {
        return reply
          .code(linkProblemStatus[outcome.status])
          .render(page('link-problem'), { title: 'This link cannot be used', purpose: 'reset', reason: outcome.status });
      }
      // The person's sessions all ended; this browser's cookie goes too.
      clearSessionCookie(reply, deps.config);
      return reply.redirect('/sign-in?done=password-reset', 303);
    });
  });
}
