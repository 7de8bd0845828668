// The security headers every answer carries (helmet's, with a content security policy that allows
// only the page's own scripts and styles by a nonce made per answer). Helmet works them out once,
// at start; each answer then sets the same headers with its own nonce put into the policy. Making
// the policy anew per request, as @fastify/helmet does, cost more than answering a kept page.
import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet, { type HelmetOptions } from 'helmet';
import { randomBytesFromPool } from './auth.js';
import type { App } from './web/types.js';

declare module 'fastify' {
  interface FastifyReply {
    /** This answer's nonces for inline scripts and styles (the same value: one nonce allowed by both directives). */
    cspNonce: { script: string; style: string };
  }
}

const noncePlaceholder = 'INVOLVE-NONCE-PLACEHOLDER';

/** The headers helmet sets with these options, worked out once; the policy's nonce left to fill in. */
function securityHeadersOf(options: HelmetOptions): { headers: Record<string, string>; removed: string[] } {
  const headers: Record<string, string> = {};
  const removed: string[] = [];
  const response = {
    setHeader: (name: string, value: string | number | readonly string[]) => {
      headers[name.toLowerCase()] = String(value);
    },
    removeHeader: (name: string) => {
      removed.push(name.toLowerCase());
    },
  };
  helmet(options)({} as IncomingMessage, response as unknown as ServerResponse, (error?: unknown) => {
    if (error) throw error;
  });
  return { headers, removed };
}

/** Sets helmet's headers on every answer, with a nonce per answer for the page's inline script and styles. */
export function registerSecurityHeaders(app: App, options: { directives: Record<string, string[] | null>; hsts: boolean }): void {
  const withNonce = (sources: string[] | null | undefined) => [...(sources ?? ["'self'"]), `'nonce-${noncePlaceholder}'`];
  const { headers, removed } = securityHeadersOf({
    contentSecurityPolicy: {
      directives: { ...options.directives, 'script-src': withNonce(options.directives['script-src']), 'style-src': withNonce(options.directives['style-src']) },
    },
    hsts: options.hsts,
  });
  const policyName = headers['content-security-policy'] ? 'content-security-policy' : 'content-security-policy-report-only';
  const policyParts = (headers[policyName] ?? '').split(noncePlaceholder);
  delete headers[policyName];
  app.decorateReply('cspNonce', null as unknown as { script: string; style: string });
  app.addHook('onRequest', (_request, reply, done) => {
    const nonce = randomBytesFromPool(16).toString('hex');
    reply.cspNonce = { script: nonce, style: nonce };
    for (const name of removed) reply.raw.removeHeader(name);
    reply.headers(headers);
    reply.header(policyName, policyParts.join(nonce));
    done();
  });
}
