// Help: a short page for each main task, in plain English, linking to the pages that do it.
import { NotFoundError } from '../../../platform/errors.js';
import { type App, view } from '../../../platform/web/index.js';

const page = view('site');

/** The help topics, in the order the help page lists them (each has its template help-<slug>). */
export const helpTopics = [
  { slug: 'tell-your-story', title: 'Tell your story', summary: 'Share your experience of a health or care service, good or bad, and read the reply.' },
  { slug: 'make-a-complaint', title: 'Make a complaint', summary: 'Complain to an NHS organisation, follow what happens and get help to complain.' },
  {
    slug: 'take-part',
    title: 'Take part',
    summary: 'Answer consultations, go to meetings, vote in budgets and elections, and volunteer for citizens’ assemblies.',
  },
  { slug: 'find-services', title: 'Find services and support', summary: 'Find local services and groups, social prescribing and time banks.' },
  { slug: 'your-account', title: 'Your account', summary: 'Create an account, sign in, and see and change what is held about you.' },
] as const;

export async function registerHelpRoutes(app: App): Promise<void> {
  app.get('/help', async (_request, reply) => reply.render(page('help'), { title: 'Help', topics: helpTopics }));

  app.get('/help/:topic', async (request, reply) => {
    const slug = (request.params as { topic?: string }).topic;
    const topic = helpTopics.find((t) => t.slug === slug);
    if (!topic) throw new NotFoundError();
    return reply.render(page(`help-${topic.slug}`), { title: topic.title, topics: helpTopics, current: topic.slug });
  });
}
