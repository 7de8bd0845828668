// The accounts API: GET /api/v1/me, to check that a personal API token works and whose it is.
// It never includes "about you".
import { Type } from 'typebox';
import { Problem } from '../../../platform/apiSchemas.js';
import type { App } from '../../../platform/web/index.js';
import { getIdentity } from '../accountDetails.js';
import { organisationRoles } from '../policy.js';

const Me = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  displayName: Type.String(),
  email: Type.String(),
  roles: Type.Array(
    Type.Object({
      role: Type.String({ description: `platform_admin or platform_moderator, or a role in an organisation: ${organisationRoles.join(', ')}` }),
      organisationId: Type.Union([Type.Integer(), Type.Null()], { description: 'null for platform_admin and platform_moderator' }),
    }),
  ),
});

export async function registerAccountApiRoutes(app: App): Promise<void> {
  const { deps } = app;
  app.get(
    '/api/v1/me',
    {
      schema: {
        tags: ['account'],
        summary: 'The account a personal API token belongs to, and its roles',
        security: [{ bearerAuth: [] }],
        response: { 200: Me, 401: Problem },
      },
    },
    async (request, reply) => {
      // A browser session is not enough: this endpoint is for checking a token.
      if (!request.actor.viaApiToken || request.actor.accountId === null) {
        return reply.code(401).header('www-authenticate', 'Bearer').type('application/problem+json').send({
          type: 'about:blank',
          title: 'Unauthorized',
          status: 401,
          detail: 'Send a personal API token as "Authorization: Bearer <token>". Create one on your account page.',
          instance: '/api/v1/me',
        });
      }
      return getIdentity(deps, request.actor);
    },
  );
}
