// Voting in an election, as plain forms that work without JavaScript: the voter enters their code,
// gets their constituency's ballot (a number box per candidate, in ballot order), checks their
// preferences in order, and casts. The code travels only in the posted forms, never in an address;
// the receipt goes from the cast to the page that shows it in a short-lived cookie, and is shown once.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ValidationError } from '../../../platform/errors.js';
import { errorsFor, formOf, idParam, text, view } from '../../../platform/web/index.js';
import type { App } from '../../../platform/web/types.js';
import { type BallotPaper, ballotForCode, castElectionBallot, type ElectionDetail, getElection, rankingFromForm } from '../service.js';

const page = view('elections');

const receiptCookie = 'involve_election_receipt';

const instructions = 'Number the candidates 1, 2, 3… in order of preference; you can stop at any point.';

function closedMessage(e: ElectionDetail): string {
  return e.phase === 'counted' ? 'Voting has closed: the result is published.' : 'Voting has not opened yet.';
}

/** The code as typed, kept for the next step of the form. */
const codeOf = (form: Record<string, unknown>) => text(form.code).trim();

/** The rank boxes the ballot form sent (rank_<candidate id>), and nothing else the browser sent. */
function rankFields(candidates: ReadonlyArray<{ id: number }>, form: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(candidates.map((c) => [`rank_${c.id}`, text(form[`rank_${c.id}`]).trim()]));
}

export async function registerElectionVotingRoutes(app: App): Promise<void> {
  const { deps } = app;

  const election = (request: FastifyRequest) => getElection(deps, request.actor, idParam(request, 'id'));

  /** The first step: where to type the code (or why voting is not open), with any error beside the code. */
  async function showCodeForm(reply: FastifyReply, e: ElectionDetail, code: string, errors: Record<string, string> = {}) {
    const open = e.phase === 'voting';
    const status = !open ? 409 : Object.keys(errors).length ? 422 : 200;
    return reply.code(status).render(page('vote'), {
      title: `Vote: ${e.title}`,
      e,
      open,
      closed: closedMessage(e),
      values: { code },
      ...errorsFor(errors),
    });
  }

  /** The ballot for this code: the constituency's candidates with what the voter numbered, and any errors. */
  async function showBallot(reply: FastifyReply, e: ElectionDetail, form: Record<string, unknown>, errors: Record<string, string> = {}) {
    const code = codeOf(form);
    const ballot = await ballotForCode(deps, e.id, code);
    const typed = rankFields(ballot.candidates, form);
    // Errors that belong to no one box (a skipped number, no first preference) go beside the whole ballot.
    const ballotError = Object.entries(errors).find(([field]) => !field.startsWith('rank_') && field !== 'code')?.[1];
    return reply.code(Object.keys(errors).length ? 422 : 200).render(page('ballot'), {
      title: `Your ballot: ${e.title}`,
      e,
      constituency: ballot.constituency,
      code,
      instructions,
      items: ballot.candidates.map((c) => ({ ...c, rank: typed[`rank_${c.id}`] })),
      ballotError,
      ...errorsFor(ballotError ? { ...errors, ranks: ballotError } : errors),
    });
  }

  app.get('/elections/:id/vote', async (request, reply) => showCodeForm(reply, await election(request), ''));

  /**
   * A step after the code: the election open for voting and the ballot this code votes on, or the code's
   * page again (why voting is not open, or the code refused beside its field).
   */
  function withBallot(
    path: string,
    step: (e: ElectionDetail, form: Record<string, unknown>, ballot: BallotPaper, reply: FastifyReply, request: FastifyRequest) => Promise<FastifyReply>,
  ) {
    app.post(path, async (request, reply) => {
      const e = await election(request);
      const form = formOf(request);
      if (e.phase !== 'voting') return showCodeForm(reply, e, '');
      let ballot: BallotPaper;
      try {
        ballot = await ballotForCode(deps, e.id, codeOf(form));
      } catch (error) {
        if (error instanceof ValidationError) return showCodeForm(reply, e, codeOf(form), error.fieldErrors);
        throw error;
      }
      return step(e, form, ballot, reply, request);
    });
  }

  /** From the code to the ballot. */
  withBallot('/elections/:id/vote/ballot', (e, form, _ballot, reply) => showBallot(reply, e, { code: codeOf(form) }));

  /** The check step: the preferences in order, to change or cast. */
  withBallot('/elections/:id/vote/check', async (e, form, ballot, reply) => {
    const read = rankingFromForm(ballot.candidates, form);
    if (!read.ok) return showBallot(reply, e, form, read.errors);
    const byId = new Map(ballot.candidates.map((c) => [c.id, c]));
    const carried = { code: codeOf(form), ...rankFields(ballot.candidates, form) };
    return reply.render(page('vote-check'), {
      title: `Check your vote: ${e.title}`,
      e,
      constituency: ballot.constituency,
      preferences: read.preferences.map((id) => byId.get(id)?.name ?? ''),
      unranked: ballot.candidates.length - read.preferences.length,
      carried: Object.entries(carried)
        .filter(([, value]) => value !== '')
        .map(([name, value]) => ({ name, value })),
    });
  });

  /** Casting the vote (or, with "Change my preferences", the ballot again as numbered). */
  withBallot('/elections/:id/vote', async (e, form, ballot, reply, request) => {
    if (text(form.change)) return showBallot(reply, e, form);
    try {
      const cast = await castElectionBallot(deps, request.actor, e.id, { code: codeOf(form), ranks: rankFields(ballot.candidates, form) });
      reply.setCookie(receiptCookie, cast.receipt ?? 'none', {
        path: `/elections/${e.id}/voted`,
        httpOnly: true,
        sameSite: 'lax',
        secure: deps.config.secureCookies,
        maxAge: 600,
      });
      return reply.redirect(`/elections/${e.id}/voted`, 303);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      // A code used meanwhile (another tab, another person) is refused on the code's page; a ballot's fault on the ballot.
      if (error.fieldErrors.code) return showCodeForm(reply, e, codeOf(form), error.fieldErrors);
      return showBallot(reply, e, form, error.fieldErrors);
    }
  });

  app.get('/elections/:id/voted', async (request, reply) => {
    const e = await election(request);
    const kept = /^[A-Za-z0-9-]{1,40}$/.exec(request.cookies[receiptCookie] ?? '')?.[0];
    if (!kept) return reply.redirect(`/elections/${e.id}`, 303);
    // Shown once: a shared computer's next user cannot bring it back.
    reply.clearCookie(receiptCookie, { path: `/elections/${e.id}/voted` });
    reply.header('cache-control', 'no-store');
    return reply.render(page('voted'), { title: 'Your vote is recorded', e, receipt: kept === 'none' ? null : kept });
  });
}
