// Pages of following: the form to follow a place, an organisation or a body (or change or stop
// following it), and "What you follow" in the account area. Plain forms: they work without JavaScript.
import type { FastifyRequest } from 'fastify';
import { NotFoundError } from '../../../platform/errors.js';
import { formOf, formValues, handleForm, idParam, sentToSignIn, text, view } from '../../../platform/web/index.js';
import type { App } from '../../../platform/web/types.js';
import { followOf, followPath, followSegment, followTarget, listFollows, saveFollow, stopFollowing } from '../follows.js';
import { topicLabels } from '../mailText.js';
import { type FollowKind, followKinds, followTopics } from '../schema.js';

const page = view('following');

const topicItems = followTopics.map((t) => ({ value: t, text: topicLabels[t] }));
const frequencyItems = [
  { value: 'immediate', text: 'At once', hint: { text: 'An email each time something happens' } },
  { value: 'weekly', text: 'Once a week', hint: { text: 'One email on Monday morning with everything from the week before' } },
];

/** The kind in the address (/following/organisations/3), or "page not found". */
function kindParam(request: FastifyRequest): FollowKind {
  const segment = (request.params as Record<string, unknown>).kind;
  const kind = followKinds.find((k) => followSegment[k] === segment);
  if (!kind) throw new NotFoundError();
  return kind;
}

export async function registerFollowingRoutes(app: App): Promise<void> {
  const { deps } = app;

  app.get('/following', async (request, reply) => {
    if (sentToSignIn(request, reply)) return reply;
    const follows = await listFollows(deps.db, request.actor);
    return reply.render(page('list'), { title: 'What you follow', follows, topicLabels });
  });

  const formContext = async (request: FastifyRequest, kind: FollowKind, id: number, values?: Record<string, unknown>) => {
    const target = await followTarget(deps.db, kind, id);
    const following = await followOf(deps.db, request.actor, kind, id);
    return {
      title: following ? `Change what you hear about ${target.name}` : `Follow ${target.name}`,
      target,
      action: followPath(kind, id),
      following,
      topicItems,
      frequencyItems,
      values: values ?? { topics: following?.topics ?? [...followTopics], frequency: following?.frequency ?? 'weekly' },
      errors: {},
    };
  };

  app.get('/following/:kind/:id', async (request, reply) => {
    const kind = kindParam(request);
    const id = idParam(request, 'id');
    if (sentToSignIn(request, reply)) return reply;
    return reply.render(page('form'), await formContext(request, kind, id));
  });

  app.post('/following/:kind/:id', async (request, reply) => {
    const kind = kindParam(request);
    const id = idParam(request, 'id');
    if (sentToSignIn(request, reply)) return reply;
    const form = formOf(request);
    const values = { topics: formValues(form, 'topics'), frequency: text(form.frequency) };
    return handleForm(reply, { template: page('form'), context: () => formContext(request, kind, id, values) }, async () => {
      const done = await saveFollow(deps.db, request.actor, kind, id, values);
      const target = await followTarget(deps.db, kind, id);
      return reply.redirect(`${target.href}?done=following-${done}`, 303);
    });
  });

  app.post('/following/:followId/stop', async (request, reply) => {
    const followId = idParam(request, 'followId');
    if (sentToSignIn(request, reply)) return reply;
    await stopFollowing(deps.db, request.actor, followId);
    return reply.redirect('/following?done=following-stopped', 303);
  });
}
