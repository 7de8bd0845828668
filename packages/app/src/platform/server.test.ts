// The platform over HTTP: health checks, error pages, problem details, CSRF, security headers.
import { expect, it } from 'vitest';
import { describeWithTestApp } from '../../test/testApp.js';

describeWithTestApp('platform', (t, kind) => {
  it('answers /healthz and /readyz with the database current', async () => {
    expect((await t.app.inject('/healthz')).json()).toEqual({ status: 'ok' });
    const ready = await t.app.inject('/readyz');
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready', database: kind });
  });

  it('shows a plain-English page for an unknown address, with no stack trace', async () => {
    const response = await t.app.inject('/no-such-page');
    expect(response.statusCode).toBe(404);
    expect(response.body).toContain('Page not found');
    expect(response.body).not.toMatch(/at .*\.ts:\d+/);
  });

  it('answers API errors as RFC 9457 problem details', async () => {
    const response = await t.app.inject('/api/v1/no-such-thing');
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({ status: 404, title: 'Not Found' });
  });

  it('refuses a form post without the CSRF token and changes nothing', async () => {
    const client = t.client();
    await client.get('/');
    const response = await client.post('/sign-in', { email: 'a@example.org', password: 'x' }, { csrf: null });
    expect(response.statusCode).toBe(403);
    expect(response.body).toContain('This form has expired');
    const attempts = await t.db.selectFrom('sign_in_attempt').selectAll().execute();
    expect(attempts).toHaveLength(0);
  });

  it('sends a content security policy with a nonce for the page script', async () => {
    const response = await t.app.inject('/');
    const csp = String(response.headers['content-security-policy']);
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(response.body).toContain(`nonce="${nonce}"`);
  });
});
