// The members' space of a citizens' assembly: its private documents, and the recommendations being
// drafted and voted on, with each confirmed member's vote form (support, oppose, abstain; changeable
// while voting is open) and a form to draft a new one. Only confirmed members and the organisers
// reach it; everyone else is refused by the service.
import type { FastifyRequest } from 'fastify';
import { NotFoundError, ValidationError } from '../../../platform/errors.js';
import { formOf, handleForm, idParam, sentToSignIn, text, view } from '../../../platform/web/index.js';
import type { App } from '../../../platform/web/types.js';
import { supportLevels } from '../schema.js';
import { draftRecommendation, getAssembly, isMember, listDocuments, listRecommendations, voteOnRecommendation } from '../service.js';
import { recommendationView } from './publicView.js';

const page = view('assemblies');

const levelWords = { support: 'I support it', oppose: 'I oppose it', abstain: 'I abstain' } as const;

export async function registerMemberRoutes(app: App): Promise<void> {
  const { deps } = app;

  async function spaceContext(request: FastifyRequest, values: Record<string, unknown> = {}) {
    const a = await getAssembly(deps, request.actor, idParam(request, 'id'));
    // The private documents first: the service refuses anyone who is neither a confirmed member nor an organiser.
    const documents = await listDocuments(deps.db, request.actor, a.id, 'private');
    const [membership, recommendations] = await Promise.all([isMember(deps.db, request.actor, a.id), listRecommendations(deps.db, request.actor, a.id)]);
    return {
      title: `Members’ space: ${a.title}`,
      a,
      isMember: membership !== null,
      documents,
      drafts: recommendations.filter((r) => r.status === 'draft').map(recommendationView),
      voting: recommendations
        .filter((r) => r.status === 'voting')
        .map((r) => ({
          ...recommendationView(r),
          items: supportLevels.map((level) => ({ value: level, text: levelWords[level], checked: r.myVote === level })),
        })),
      published: recommendations.filter((r) => r.status === 'published').map(recommendationView),
      values,
      errors: {},
    };
  }

  app.get('/assemblies/:id/members', async (request, reply) => {
    if (sentToSignIn(request, reply)) return reply;
    reply.header('cache-control', 'no-store');
    return reply.render(page('members-space'), await spaceContext(request));
  });

  app.post('/assemblies/:id/members/recommendations', async (request, reply) => {
    if (sentToSignIn(request, reply)) return reply;
    const id = idParam(request, 'id');
    const form = formOf(request);
    return handleForm(reply, { template: page('members-space'), context: () => spaceContext(request, form) }, async () => {
      await draftRecommendation(deps, request.actor, id, { title: text(form.title).trim(), text: text(form.text).trim() });
      return reply.redirect(`/assemblies/${id}/members?done=recommendation-drafted#drafts`, 303);
    });
  });

  app.post('/assemblies/:id/recommendations/:recId/vote', async (request, reply) => {
    if (sentToSignIn(request, reply)) return reply;
    const id = idParam(request, 'id');
    const recId = idParam(request, 'recId');
    const form = formOf(request);
    return handleForm(reply, { template: page('members-space'), context: () => spaceContext(request, form) }, async () => {
      const context = await spaceContext(request);
      if (![...context.drafts, ...context.voting, ...context.published].some((r) => r.id === recId)) throw new NotFoundError();
      const level = text(form.level);
      const chosen = supportLevels.find((l) => l === level);
      if (!chosen) throw new ValidationError({ [`level-${recId}`]: 'Choose whether you support the recommendation, oppose it or abstain' });
      await voteOnRecommendation(deps, request.actor, recId, chosen);
      return reply.redirect(`/assemblies/${id}/members?done=recommendation-voted#recommendation-${recId}`, 303);
    });
  });
}
