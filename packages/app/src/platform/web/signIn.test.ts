// sentToSignIn stops a handler for a signed-out person: the redirect to sign in is sent and nothing
// after it runs, awaited or not. (Its forerunner returned the reply, and awaiting it gave undefined
// once the redirect was sent, since a Fastify reply is thenable: the handler carried on as if the
// person were signed in.)
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../permissions.js';
import { requireSignInHook, sentToSignIn } from './signIn.js';

function appWith(accountId: number | null) {
  const app = Fastify();
  const reached: string[] = [];
  app.decorateRequest('actor', null as unknown as Actor);
  app.addHook('onRequest', async (request) => {
    request.actor = { accountId } as Actor;
  });
  app.get('/in-handler', async (request, reply) => {
    // Awaited on purpose: it must stop the handler all the same.
    if (await sentToSignIn(request, reply)) return reply;
    reached.push('handler');
    return 'signed in';
  });
  app.get('/by-hook', { onRequest: requireSignInHook }, async () => {
    reached.push('hooked handler');
    return 'signed in';
  });
  return { app, reached };
}

describe('sentToSignIn', () => {
  it('sends a signed-out person to sign in, and runs nothing after it', async () => {
    const { app, reached } = appWith(null);
    for (const url of ['/in-handler?x=1', '/by-hook']) {
      const answer = await app.inject(url);
      expect(answer.statusCode).toBe(303);
      expect(answer.headers.location).toBe(`/sign-in?next=${encodeURIComponent(url)}`);
    }
    expect(reached).toEqual([]);
    await app.close();
  });

  it('lets a signed-in person through', async () => {
    const { app, reached } = appWith(7);
    expect((await app.inject('/in-handler')).body).toBe('signed in');
    expect((await app.inject('/by-hook')).body).toBe('signed in');
    expect(reached).toEqual(['handler', 'hooked handler']);
    await app.close();
  });
});
