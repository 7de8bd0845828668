// Staff pages of elections: setting one up and changing its settings, the dashboard that moves it
// from phase to phase to the count, the electorate imported by CSV, voting codes issued (the letters
// for postal voters shown once), nominations checked and candidates added, paper ballots entered
// twice, and recounts for a casual vacancy. Every page asks the service, which asks the gate.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ForbiddenError, NotFoundError, ValidationError } from '../../../platform/errors.js';
import { formatDate } from '../../../platform/views.js';
import { formOf, handleForm, idFrom, idParam, queryText, requireSignInOn, selectItems, text, view } from '../../../platform/web/index.js';
import type { App } from '../../../platform/web/types.js';
import { listBodies, organisationSummaryOrNotFound } from '../../registry/service.js';
import { can } from '../policy.js';
import { type ElectionPhase, electionPhases } from '../schema.js';
import {
  addCandidate,
  type CandidateView,
  type CodeLetter,
  checkNomination,
  createElection,
  type ElectionDetail,
  electionInput,
  electorateSummary,
  enterPaperBallot,
  getElection,
  importElectorate,
  issueVotingCodes,
  listCandidates,
  listRecounts,
  moveElectionPhase,
  paperEntries,
  rankingFromForm,
  recountWithout,
  removePaperEntry,
  updateElection,
  wordCount,
} from '../service.js';
import { phaseTags, seatsText } from './electionView.js';
import { dateFields, formValuesOf, newElectionValues, settingsChoices, settingsFrom } from './settingsForm.js';
import { candidateTags, movesFrom } from './staffWords.js';

const page = view('elections');

type Values = Record<string, unknown>;

/** A staff page: its template, and what it shows (with what was typed, when its form is shown again). */
interface StaffPage {
  template: string;
  context: (request: FastifyRequest, typed: Values) => Promise<Values>;
}

/** A nomination as the staff pages show it: its status tag and the words of its statement. */
const shownNomination = (c: CandidateView) => ({ ...c, tag: candidateTags[c.status], words: wordCount(c.statement) });

/** A constituency id as chosen in a form (0, refused by the service, when none is). */
const chosenId = (value: unknown) => (/^\d{1,10}$/.test(text(value)) ? Number(text(value)) : 0);

export async function registerStaffElectionRoutes(app: App): Promise<void> {
  const { deps } = app;
  requireSignInOn(app, [/^\/organisations\/[^/]+\/elections\/new$/, /^\/elections\/[^/]+\/manage(\/|$)/]);

  /** An election its managers work on: others are told they may not. */
  const managed = async (request: FastifyRequest): Promise<ElectionDetail> => {
    const e = await getElection(deps, request.actor, idParam(request, 'id'));
    if (!e.mayManage) throw new ForbiddenError('Only the organisation’s admins run its elections.');
    return e;
  };

  const show = (path: string, staffPage: StaffPage) =>
    app.get(path, async (request, reply) => reply.render(staffPage.template, await staffPage.context(request, {})));

  /** A form of a staff page: when it is done, on to the address `act` gives; when a rule is broken, the page again with the messages and what was typed. */
  const submit = (path: string, staffPage: StaffPage, act: (request: FastifyRequest, id: number, form: Values) => Promise<string>) =>
    app.post(path, async (request, reply) => {
      const form = formOf(request);
      const formPage = { template: staffPage.template, context: () => staffPage.context(request, form) };
      return handleForm(reply, formPage, async () => reply.redirect(await act(request, idParam(request, 'id'), form), 303));
    });

  /** The answer to issuing codes: the emails queued and the letters for postal voters, shown this once and never cached. */
  const lettersPage = (reply: FastifyReply, e: ElectionDetail, issued: { emailed: number; letters: CodeLetter[] }) =>
    reply.header('cache-control', 'no-store').render(page('manage-letters'), {
      title: `Voting codes issued: ${e.title}`,
      e,
      emailed: issued.emailed,
      letters: issued.letters.map((l) => ({ ...l, addressLines: l.postalAddress.split(/\r?\n|,\s*/).filter((line) => line.trim()) })),
      voteUrl: `${deps.config.publicUrl}/elections/${e.id}/vote`,
      closes: e.votingCloseOn ? formatDate(e.votingCloseOn) : null,
    });

  // ---- setting up an election, and its settings ----
  const settingsContext = async (organisationId: number, values: Values, e?: ElectionDetail) => {
    const [organisation, bodies] = await Promise.all([organisationSummaryOrNotFound(deps.db, organisationId), listBodies(deps.db, organisationId)]);
    return {
      title: e ? `Settings: ${e.title}` : 'Set up an election',
      organisation,
      e,
      action: e ? `/elections/${e.id}/manage/settings` : `/organisations/${organisationId}/elections/new`,
      hasBodies: bodies.length > 0,
      ...settingsChoices(values, bodies),
      values,
      errors: {},
    };
  };

  /** The organisation whose new election this is, when the actor may run its elections. */
  const runningElectionsOf = async (request: FastifyRequest) => {
    const organisationId = idParam(request, 'id');
    await organisationSummaryOrNotFound(deps.db, organisationId);
    if (!can(request.actor, 'election.manage', { organisationId })) throw new ForbiddenError('Only the organisation’s admins run its elections.');
    return organisationId;
  };

  app.get('/organisations/:id/elections/new', async (request, reply) =>
    reply.render(page('manage-settings'), await settingsContext(await runningElectionsOf(request), newElectionValues())),
  );

  app.post('/organisations/:id/elections/new', async (request, reply) => {
    const organisationId = await runningElectionsOf(request);
    const form = formOf(request);
    return handleForm(reply, { template: page('manage-settings'), context: () => settingsContext(organisationId, form), dateFields }, async () => {
      const id = await createElection(deps, request.actor, settingsFrom(form, organisationId));
      return reply.redirect(`/elections/${id}/manage?done=election-created`, 303);
    });
  });

  app.get('/elections/:id/manage/settings', async (request, reply) => {
    const e = await managed(request);
    const settings = await electionInput(deps, request.actor, e.id);
    return reply.render(page('manage-settings'), await settingsContext(e.organisation.id, formValuesOf(settings), e));
  });

  app.post('/elections/:id/manage/settings', async (request, reply) => {
    const e = await managed(request);
    const form = formOf(request);
    return handleForm(reply, { template: page('manage-settings'), context: () => settingsContext(e.organisation.id, form, e), dateFields }, async () => {
      await updateElection(deps, request.actor, e.id, settingsFrom(form, e.organisation.id));
      return reply.redirect(`/elections/${e.id}/manage?done=election-saved`, 303);
    });
  });

  // ---- the dashboard and its phases ----
  const dashboard: StaffPage = {
    template: page('manage-dashboard'),
    context: async (request) => {
      const e = await managed(request);
      const [summary, candidates] = await Promise.all([electorateSummary(deps, request.actor, e.id), listCandidates(deps, request.actor, e.id)]);
      const total = (key: 'voters' | 'codesIssued' | 'codesUsed') => summary.reduce((sum, c) => sum + c[key], 0);
      const nominations = Object.fromEntries(Object.keys(candidateTags).map((status) => [status, candidates.filter((c) => c.status === status).length]));
      const [codesIssued, codesUsed] = [total('codesIssued'), total('codesUsed')];
      return {
        title: `Manage: ${e.title}`,
        e,
        phase: phaseTags[e.phase],
        seatsText: seatsText(e.constituencies),
        counts: { electorate: total('voters'), codesIssued, codesUsed, ballots: e.turnout?.ballots ?? 0, ...nominations },
        turnoutText: codesIssued ? ` (${Math.round((codesUsed / codesIssued) * 1000) / 10}%)` : '',
        moves: movesFrom(e.phase),
        mayEnterPaper: can(request.actor, 'election.enterPaper', { organisationId: e.organisation.id }),
        errors: {},
      };
    },
  };
  show('/elections/:id/manage', dashboard);

  app.post('/elections/:id/manage/phase', async (request, reply) => {
    const e = await managed(request);
    const to = text(formOf(request).to) as ElectionPhase;
    if (!electionPhases.includes(to)) throw new NotFoundError();
    return handleForm(reply, { template: dashboard.template, context: () => dashboard.context(request, {}) }, async () => {
      const progress: string[] = [];
      const issued = await moveElectionPhase(deps, request.actor, e.id, to, { onProgress: (step) => progress.push(step) });
      // Opening the vote issues codes to voters without one: their letters are shown in this answer only.
      if (issued && (issued.emailed || issued.letters.length)) return lettersPage(reply, e, issued);
      if (to === 'counted') return reply.render(page('manage-counted'), { title: `Counted: ${e.title}`, e: await managed(request), progress });
      return reply.redirect(`/elections/${e.id}/manage?done=election-phase-changed`, 303);
    });
  });

  // ---- the electorate: imported whole or not at all ----
  const electorate: StaffPage = {
    template: page('manage-electorate'),
    context: async (request, typed) => {
      const e = await managed(request);
      return { title: `Electorate: ${e.title}`, e, summary: await electorateSummary(deps, request.actor, e.id), problems: typed.problems, errors: {} };
    },
  };
  show('/elections/:id/manage/electorate', electorate);

  app.post('/elections/:id/manage/electorate', async (request, reply) => {
    const file = formOf(request).file;
    return handleForm(reply, { template: electorate.template, context: () => electorate.context(request, {}) }, async () => {
      const e = await managed(request);
      if (!Buffer.isBuffer(file) || !file.length) throw new ValidationError({ file: 'Choose the electorate file (CSV) to upload' });
      const { problems } = await importElectorate(deps, request.actor, e.id, file.toString('utf8'));
      if (problems.length) return reply.code(422).render(electorate.template, await electorate.context(request, { problems }));
      return reply.redirect(`/elections/${e.id}/manage/electorate?done=electorate-imported`, 303);
    });
  });

  // ---- voting codes: the letters shown once, never stored readable ----
  const codes: StaffPage = {
    template: page('manage-codes'),
    context: async (request) => {
      const e = await managed(request);
      const summary = await electorateSummary(deps, request.actor, e.id);
      const waiting = summary.reduce((sum, c) => sum + c.voters - c.codesIssued, 0);
      return { title: `Voting codes: ${e.title}`, e, summary, waiting, issuing: e.phase === 'statements' || e.phase === 'voting', errors: {} };
    },
  };
  show('/elections/:id/manage/codes', codes);

  app.post('/elections/:id/manage/codes', async (request, reply) => {
    const e = await managed(request);
    return handleForm(reply, { template: codes.template, context: () => codes.context(request, {}) }, async () =>
      lettersPage(reply, e, await issueVotingCodes(deps, request.actor, e.id)),
    );
  });

  // ---- nominations: the list, each one checked on its own page, and candidates added ----
  const nominations: StaffPage = {
    template: page('manage-nominations'),
    context: async (request, typed) => {
      const e = await managed(request);
      const candidates = (await listCandidates(deps, request.actor, e.id)).map(shownNomination);
      return {
        title: `Nominations: ${e.title}`,
        e,
        groups: e.constituencies.map((c) => ({ name: c.name, candidates: candidates.filter((candidate) => candidate.constituencyId === c.id) })),
        checking: e.phase === 'nominations' || e.phase === 'checking',
        adding: e.phase === 'draft' || e.phase === 'nominations' || e.phase === 'checking',
        constituencyItems: selectItems(
          e.constituencies.map((c) => ({ value: c.id, text: c.name })),
          typed.constituencyId,
          'Choose the constituency',
        ),
        values: typed,
        errors: {},
      };
    },
  };
  show('/elections/:id/manage/nominations', nominations);

  submit('/elections/:id/manage/nominations', nominations, async (request, id, form) => {
    await addCandidate(deps, request.actor, id, { constituencyId: chosenId(form.constituencyId), name: text(form.name), statement: text(form.statement) });
    return `/elections/${id}/manage/nominations?done=candidate-added`;
  });

  const nomination: StaffPage = {
    template: page('manage-nomination'),
    context: async (request, typed) => {
      const e = await managed(request);
      const candidateId = idParam(request, 'candidateId');
      const candidate = (await listCandidates(deps, request.actor, e.id)).find((c) => c.id === candidateId);
      if (!candidate) throw new NotFoundError();
      const answer = candidate.status === 'valid' ? 'yes' : candidate.status === 'invalid' ? 'no' : '';
      const values = Object.keys(typed).length ? typed : { valid: answer, reason: candidate.reason };
      return {
        title: `Nomination of ${candidate.name}: ${e.title}`,
        e,
        c: shownNomination(candidate),
        checking: e.phase === 'nominations' || e.phase === 'checking',
        values,
        errors: {},
      };
    },
  };
  show('/elections/:id/manage/nominations/:candidateId', nomination);

  submit('/elections/:id/manage/nominations/:candidateId', nomination, async (request, id, form) => {
    const answer = text(form.valid);
    if (answer !== 'yes' && answer !== 'no') throw new ValidationError({ valid: 'Choose whether the nomination is valid' });
    const candidateId = idParam(request, 'candidateId');
    await checkNomination(deps, request.actor, candidateId, { valid: answer === 'yes', reason: text(form.reason) });
    return `/elections/${id}/manage/nominations?done=nomination-checked#candidate-${candidateId}`;
  });

  // ---- paper ballots, entered twice, a constituency at a time ----
  const paper: StaffPage = {
    template: page('manage-paper'),
    context: async (request, typed) => {
      const e = await getElection(deps, request.actor, idParam(request, 'id'));
      if (!can(request.actor, 'election.enterPaper', { organisationId: e.organisation.id })) {
        throw new ForbiddenError('Only the organisation’s admins and members enter paper ballots.');
      }
      const chosen = text(typed.constituencyId) || queryText(request, 'constituency');
      const constituency = e.constituencies.find((c) => String(c.id) === chosen) ?? e.constituencies[0];
      if (!constituency) throw new NotFoundError();
      const [papers, candidates] = await Promise.all([paperEntries(deps, request.actor, e.id), listCandidates(deps, request.actor, e.id)]);
      const names = new Map(candidates.map((c) => [c.id, c.name]));
      const here = papers
        .filter((p) => p.constituencyId === constituency.id)
        .map((p) => ({ ...p, entries: p.entries.map((entry) => ({ ...entry, names: entry.preferences.map((id) => names.get(id) ?? `Candidate ${id}`) })) }));
      const inState = (state: string) => here.filter((p) => p.state === state).length;
      return {
        title: `Paper ballots: ${e.title}`,
        e,
        constituency,
        candidates: candidates
          .filter((c) => c.constituencyId === constituency.id && c.status === 'valid')
          .sort((a, b) => (a.ballotPosition ?? 0) - (b.ballotPosition ?? 0)),
        open: e.phase === 'voting',
        papers: here,
        counts: { accepted: inState('accepted'), waiting: inState('awaiting_second'), mismatches: inState('mismatch') },
        values: typed,
        errors: {},
      };
    },
  };
  show('/elections/:id/manage/paper', paper);

  submit('/elections/:id/manage/paper', paper, async (request, id, form) => {
    const constituencyId = idFrom(text(form.constituencyId));
    const candidates = (await listCandidates(deps, request.actor, id)).filter((c) => c.constituencyId === constituencyId && c.status === 'valid');
    const ranking = rankingFromForm(candidates, form);
    if (!ranking.ok) throw new ValidationError(ranking.errors);
    const { state } = await enterPaperBallot(deps, request.actor, id, { constituencyId, paperRef: text(form.paperRef), preferences: ranking.preferences });
    return `/elections/${id}/manage/paper?constituency=${constituencyId}&done=election-paper-entered#paper-${state}`;
  });

  submit('/elections/:id/manage/paper/entries/:entryId/delete', paper, async (request, id, form) => {
    await removePaperEntry(deps, request.actor, idParam(request, 'entryId'));
    return `/elections/${id}/manage/paper?constituency=${chosenId(form.constituencyId)}&done=election-entry-removed`;
  });

  // ---- recount for a casual vacancy ----
  const recount: StaffPage = {
    template: page('manage-recount'),
    context: async (request, typed) => {
      const e = await managed(request);
      const [candidates, recounts] = await Promise.all([listCandidates(deps, request.actor, e.id), listRecounts(deps, request.actor, e.id)]);
      const several = e.constituencies.length > 1;
      // Those elected at the count or filling a seat since, who have not left already.
      const gone = new Set(recounts.flatMap((r) => r.without.map((name) => `${r.constituencyId}:${name}`)));
      const filled = new Set(recounts.flatMap((r) => r.fills.map((name) => `${r.constituencyId}:${name}`)));
      const sitting = candidates.filter((c) => (c.elected || filled.has(`${c.constituencyId}:${c.name}`)) && !gone.has(`${c.constituencyId}:${c.name}`));
      return {
        title: `Recount: ${e.title}`,
        e,
        departingItems: selectItems(
          sitting.map((c) => ({ value: c.id, text: several ? `${c.name} (${c.constituency})` : c.name })),
          typed.candidateId,
          'Choose who is leaving',
        ),
        recounts: recounts.map((r) => ({ ...r, createdAt: formatDate(r.createdAt) })),
        values: typed,
        errors: {},
      };
    },
  };
  show('/elections/:id/manage/recount', recount);

  submit('/elections/:id/manage/recount', recount, async (request, id, form) => {
    // The service checks that they sit (elected at the count or filling a seat since).
    const departing = (await listCandidates(deps, request.actor, id)).find((c) => c.id === chosenId(form.candidateId));
    if (!departing) throw new ValidationError({ candidateId: 'Choose who is leaving, from those sitting' });
    await recountWithout(deps, request.actor, departing.constituencyId, departing.id, text(form.reason));
    return `/elections/${id}/manage/recount?done=recount-made`;
  });
}
