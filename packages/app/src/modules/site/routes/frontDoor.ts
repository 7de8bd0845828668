// The front door (issue 19, item 1): the home page, leading with what people come to do (tell a
// story, make a complaint, take part, find who runs their services) and, for the signed-in, their
// own open things first; /take-part, everything the modules offer to join; and /places/find, the
// home page's postcode box, which sends a postcode to its place's page. The take-part entries and
// "Your things" come from the modules' manifests (links.home, links.mine), never named here.
import { type App, errorsFor, handleForm, queryValue, view } from '../../../platform/web/index.js';
import { listDemoSignIns } from '../../accounts/service.js';
import { findPlaceByPostcode } from '../../registry/service.js';

const page = view('site');

const homeTitle = 'Involve: patient and public involvement in health and care';

export async function registerFrontDoorRoutes(app: App): Promise<void> {
  const { deps } = app;

  app.get('/', { config: { publicPageCache: true } }, async (request, reply) => {
    const [takePart, yourThings, demoSignIns] = await Promise.all([
      deps.pageLinks('home', request.actor),
      request.account ? deps.pageLinks('mine', request.actor) : null,
      deps.config.demo ? listDemoSignIns(deps.db) : [],
    ]);
    if (request.account) reply.header('cache-control', 'no-store');
    return reply.render(page('home'), { title: homeTitle, takePart, yourThings, demoSignIns });
  });

  app.get('/take-part', { config: { publicPageCache: true } }, async (request, reply) =>
    reply.render(page('take-part'), {
      title: 'Find and join what is happening near you',
      navCurrent: 'take-part',
      takePart: await deps.pageLinks('home', request.actor),
    }),
  );

  // A postcode that is not a full one is named (422); one with no organisation at or near it, 404.
  app.get('/places/find', async (request, reply) => {
    const typed = queryValue(request, 'postcode');
    const finder = { template: page('find-place'), context: { title: 'Find your area', postcode: typed } };
    return handleForm(reply, finder, async () => {
      const found = await findPlaceByPostcode(deps.db, request.actor, typed);
      if (found.place) return reply.redirect(`/places/${found.place.id}`, 303);
      const notFound = { postcode: `We could not find a place for ${found.postcode}` };
      return reply.code(404).render(finder.template, { ...finder.context, postcode: found.postcode, ...errorsFor(notFound) });
    });
  });
}
