// The published selection record of a citizens' assembly: each finished round with its seed,
// algorithm, quotas and panel, how to redraw it with decide, and decide's own inputs as published
// (categories.csv: the quotas; respondents.csv: the anonymised pool, its pool ids and answers to the
// selection questions only) with the record as JSON (probabilities by pool id, the panel). Round 1
// is also at the shorter addresses.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { NotFoundError } from '../../../platform/errors.js';
import { idParam, view } from '../../../platform/web/index.js';
import type { App } from '../../../platform/web/types.js';
import { getAssembly, getSelection, listSelections, selectionRecord } from '../service.js';

const page = view('assemblies');

export const purposeWords = {
  initial: 'The first draw of the panel',
  replacement: 'A replacement draw for seats that were declined or left, with the members already sitting kept',
  rotation: 'A rotation: a new draw for the seats of members whose term ended, with the others kept',
} as const;

export const algorithmWords = {
  leximin: 'LEXIMIN (the fairest possible chance for everyone in the pool: Flanigan et al., Nature 2021)',
  maximin: 'MAXIMIN (raises the lowest chance of anyone in the pool as far as it can)',
  legacy: 'LEGACY (the older one-by-one method; its probabilities are estimates)',
} as const;

/** A round number from the path: a whole number from 1, or "page not found". */
function roundParam(request: FastifyRequest): number {
  const raw = String((request.params as Record<string, unknown>).round ?? '');
  if (!/^\d{1,6}$/.test(raw) || Number(raw) < 1) throw new NotFoundError();
  return Number(raw);
}

export async function registerSelectionRecordRoutes(app: App): Promise<void> {
  const { deps } = app;

  /** A finished round (its published files), or "page not found" until it is drawn. */
  async function doneRound(request: FastifyRequest, round: number) {
    const id = idParam(request, 'id');
    await getAssembly(deps, request.actor, id);
    const selection = await getSelection(deps.db, request.actor, id, round);
    if (selection?.status !== 'done' || !selection.result) throw new NotFoundError('This selection round is not drawn yet.');
    return { id, selection };
  }

  app.get('/assemblies/:id/selection', async (request, reply) => {
    const a = await getAssembly(deps, request.actor, idParam(request, 'id'));
    const rounds = (await listSelections(deps.db, request.actor, a.id)).filter((s) => s.status === 'done' && s.result !== null);
    const records = await Promise.all(rounds.map((s) => selectionRecord(deps.db, request.actor, a.id, s.round)));
    // The files name a question by its key (a CSV column); the page by the question as asked.
    const questionOf = new Map(a.features.map((f) => [f.key, f.label]));
    return reply.render(page('public-selection'), {
      title: `How the members were chosen: ${a.title}`,
      a,
      rounds: records.map((r) => ({
        ...r,
        purposeText: purposeWords[r.purpose as keyof typeof purposeWords] ?? r.purpose,
        algorithmText: algorithmWords[r.algorithm as keyof typeof algorithmWords] ?? r.algorithm,
        base: r.round === 1 ? `/assemblies/${a.id}/selection` : `/assemblies/${a.id}/selection/${r.round}`,
        poolSize: Object.keys(r.probabilities).length,
        quotaRows: r.quotas.map((q) => [
          { text: questionOf.get(q.feature) ?? q.feature },
          { text: q.value },
          { text: String(q.min), format: 'numeric' },
          { text: String(q.max), format: 'numeric' },
        ]),
      })),
    });
  });

  const sendRecord = async (request: FastifyRequest, reply: FastifyReply, round: number) => {
    const { id } = await doneRound(request, round);
    return reply.send(await selectionRecord(deps.db, request.actor, id, round));
  };
  app.get('/assemblies/:id/selection.json', async (request, reply) => sendRecord(request, reply, 1));
  app.get('/assemblies/:id/selection/:round.json', async (request, reply) => sendRecord(request, reply, roundParam(request)));

  for (const file of ['categories', 'respondents'] as const) {
    const send = async (request: FastifyRequest, reply: FastifyReply, round: number) => {
      const { selection } = await doneRound(request, round);
      const csv = file === 'categories' ? selection.categoriesCsv : selection.respondentsCsv;
      const name = round === 1 ? `${file}.csv` : `${file}-round-${round}.csv`;
      return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${name}"`).send(csv);
    };
    app.get(`/assemblies/:id/selection/${file}.csv`, async (request, reply) => send(request, reply, 1));
    app.get(`/assemblies/:id/selection/:round/${file}.csv`, async (request, reply) => send(request, reply, roundParam(request)));
  }
}
