// The result of an election, published so anyone can check it: per constituency who was elected,
// the full count sheet (every stage's quota, transfers, transfer value, non-transferable votes, who
// was elected or excluded and why, ties and how they were broken, the seed), a chart of first
// preferences; a print view of the count sheet; the ballots as BLT files, the count sheet as CSV, the
// result as JSON; how to recount with decide and droop; and finding one's ballot by its receipt.
import type { StvResult } from '@involve/decide';
import type { FastifyRequest } from 'fastify';
import { barChart } from '../../../platform/charts.js';
import { NotFoundError } from '../../../platform/errors.js';
import { errorsFor, idParam, queryText, view } from '../../../platform/web/index.js';
import type { App } from '../../../platform/web/types.js';
import { findBallotReceipt, getElection, getElectionResult, publishedBlt, publishedCountSheet } from '../service.js';
import { figure, methodWords, stateWords } from './electionView.js';

const page = view('elections');

/** A file name for a constituency's download: "ballots-north.blt" (the plain name when there is one constituency). */
function fileName(base: string, extension: string, constituency: { name: string } | null): string {
  const slug = constituency?.name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return slug ? `${base}-${slug}.${extension}` : `${base}.${extension}`;
}

/** The count sheet of one constituency as the pages show it: each stage's figures, and totals by stage. */
function countSheet(result: StvResult) {
  const stages = result.stages.map((s) => ({
    ...s,
    rows: s.rows.map((r) => ({ ...r, stateText: stateWords[r.state], changed: r.change !== '0' && !/^-?0(\.0+)?$/.test(r.change) })),
  }));
  // Totals of each candidate at the end of every stage (the classic count sheet, stages across).
  const grid = result.candidates.map((c) => ({
    name: c.name,
    withdrawn: c.withdrawn,
    votes: result.stages.map((s) => s.rows.find((r) => r.id === c.id)?.votes ?? ''),
    elected: result.elected.includes(c.name),
  }));
  return { stages, grid, electedAt: Object.fromEntries(result.elected.map((name, i) => [name, result.electedAtStage[i]])) };
}

function firstPreferenceChart(id: string, result: StvResult) {
  const first = result.stages[0];
  const bars = (first?.rows ?? []).filter((r) => r.state !== 'withdrawn').map((r) => ({ label: r.name, value: figure(r.votes) }));
  bars.sort((a, b) => b.value - a.value);
  return barChart(id, 'First preferences for each candidate', bars);
}

export async function registerElectionResultRoutes(app: App): Promise<void> {
  const { deps } = app;

  /** The election and its count, or "page not found" before it is counted. */
  async function counted(request: FastifyRequest) {
    const e = await getElection(deps, request.actor, idParam(request, 'id'));
    const result = e.phase === 'counted' ? await getElectionResult(deps, request.actor, e.id) : null;
    if (!result || result.length === 0) throw new NotFoundError('This election is not counted yet.');
    return { e, constituencies: result };
  }

  /**
   * The constituency a download is for: ?constituency=ID; null when the election has only one. Asked
   * without one when there are several, the answer (plain text, for people fetching files by hand) lists them.
   */
  function chosenConstituency<T extends { id: number; name: string }>(request: FastifyRequest, constituencies: readonly T[]): T | null | 'list' {
    const asked = queryText(request, 'constituency');
    if (asked === '') return constituencies.length === 1 ? null : 'list';
    const found = constituencies.find((c) => String(c.id) === asked);
    if (!found) throw new NotFoundError('This election has no such constituency.');
    return constituencies.length === 1 ? null : found;
  }

  const sheetContext = async (request: FastifyRequest) => {
    const { e, constituencies } = await counted(request);
    return {
      e,
      method: methodWords[e.method],
      several: constituencies.length > 1,
      constituencies: constituencies.map((c) => ({
        ...c,
        sheet: countSheet(c.result),
        chart: firstPreferenceChart(`first-preferences-${c.id}`, c.result),
        download: constituencies.length > 1 ? `?constituency=${c.id}` : '',
      })),
    };
  };

  app.get('/elections/:id/result', async (request, reply) => {
    const context = await sheetContext(request);
    return reply.render(page('result'), { title: `Result: ${context.e.title}`, ...context });
  });

  app.get('/elections/:id/count-sheet', async (request, reply) => {
    const context = await sheetContext(request);
    const styleNonce = reply.cspNonce?.style;
    return reply.render(page('count-sheet'), { title: `Count sheet: ${context.e.title}`, ...context, styleNonce });
  });

  app.get('/elections/:id/result.json', async (request, reply) => {
    const { e, constituencies } = await counted(request);
    return reply.send({
      id: e.id,
      title: e.title,
      method: e.method,
      seed: e.seed,
      countedAt: e.countedAt,
      constituencies: constituencies.map((c) => ({ id: c.id, name: c.name, seats: c.seats, elected: c.elected, result: c.result })),
    });
  });

  /** A published file of one constituency (?constituency= when there are several), as a download. */
  const publishedFiles = [
    { path: 'ballots.blt', base: 'ballots', extension: 'blt', type: 'text/plain; charset=utf-8', read: publishedBlt },
    { path: 'count.csv', base: 'count', extension: 'csv', type: 'text/csv; charset=utf-8', read: publishedCountSheet },
  ] as const;
  for (const published of publishedFiles) {
    app.get(`/elections/:id/${published.path}`, async (request, reply) => {
      const { e, constituencies } = await counted(request);
      const chosen = chosenConstituency(request, constituencies);
      if (chosen === 'list') {
        const choices = constituencies.map((c) => `  /elections/${e.id}/${published.path}?constituency=${c.id}  (${c.name})`);
        const message = `This election has ${constituencies.length} constituencies, each counted on its own. Ask for one:\n${choices.join('\n')}\n`;
        return reply.code(404).type('text/plain; charset=utf-8').send(message);
      }
      const file = await published.read(deps, e.id, chosen?.id);
      if (file === null) throw new NotFoundError('The files are published once the election is counted.');
      return reply
        .type(published.type)
        .header('content-disposition', `attachment; filename="${fileName(published.base, published.extension, chosen)}"`)
        .send(file);
    });
  }

  app.get('/elections/:id/recount', async (request, reply) => {
    const { e, constituencies } = await counted(request);
    const method = methodWords[e.method];
    return reply.render(page('recount'), {
      title: `Recount: ${e.title}`,
      e,
      method,
      constituencies: constituencies.map((c) => {
        const file = fileName('ballots', 'blt', constituencies.length > 1 ? c : null);
        return {
          ...c,
          file,
          download: constituencies.length > 1 ? `?constituency=${c.id}` : '',
          decideCommand: `npx decide stv ${file} --rule ${e.method} --seed ${e.seed}`,
          droopCommand: `python3 Droop.py ${method.droop} ${file}`,
          electedJson: JSON.stringify(c.elected),
          lotsDrawn: c.result.lotsDrawn.length,
        };
      }),
    });
  });

  app.get('/elections/:id/receipt', async (request, reply) => {
    const e = await getElection(deps, request.actor, idParam(request, 'id'));
    const code = queryText(request, 'code');
    const context = { title: `Find your ballot: ${e.title}`, e, isCounted: e.phase === 'counted', values: { code }, errors: {}, errorList: [] as unknown[] };
    if (!context.isCounted || code === '') return reply.render(page('receipt'), context);
    const found = await findBallotReceipt(deps, e.id, code);
    if (!found.found) {
      const message = `No ballot with the receipt code ${code} is in the published files. Check the code and try again.`;
      return reply.render(page('receipt'), { ...context, ...errorsFor({ code: message }) });
    }
    return reply.render(page('receipt'), { ...context, found });
  });
}
