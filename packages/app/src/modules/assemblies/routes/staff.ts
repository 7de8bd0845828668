// Organisers' pages of citizens' assemblies: convening one and its settings, and the dashboard with its
// phase, the next steps and the moves to the next phase. The pages of each stage are beside this file:
// recruitment (quotas, addresses, letters, volunteers), selection (the draw, members) and the work
// (sessions, documents, recommendations and their answers). Every page asks the service, which asks the gate.
import type { FastifyRequest } from 'fastify';
import { ForbiddenError, NotFoundError } from '../../../platform/errors.js';
import { dateFromParts, datePartsOf, formOf, formValues, handleForm, idParam, requireSignInOn, text } from '../../../platform/web/index.js';
import type { App } from '../../../platform/web/types.js';
import { organisationSummaryOrNotFound, placeOptions } from '../../registry/service.js';
import { can } from '../policy.js';
import { type AssemblyPhase, assemblyKinds, assemblyPhases, selectionAlgorithms } from '../schema.js';
import {
  type AssemblyDetail,
  type AssemblyInput,
  createAssembly,
  invitationSummary,
  listSelections,
  moveAssemblyPhase,
  nextPhases,
  openSeats,
  updateAssembly,
} from '../service.js';
import { type ManagePage, manageKit, page, type Values, wholeNumbers } from './manageKit.js';
import { registerManageRecruitment } from './manageRecruitment.js';
import { registerManageSelection } from './manageSelection.js';
import { registerManageWork } from './manageWork.js';

/** What each move says on its button, and what it does (the moves allowed are the service's nextPhases). */
const moveWords: Record<AssemblyPhase, { text: string; does: string }> = {
  draft: { text: '', does: '' },
  recruiting: {
    text: 'Start recruiting',
    does: 'The assembly is published. People with an invitation code (and anyone, if open registration is on) can register. The selection questions and quotas must be set first.',
  },
  selecting: {
    text: 'Close registration and start the selection',
    does: 'No more registrations are taken. You check the quotas against the pool and draw the panel.',
  },
  sitting: { text: 'Start the assembly’s sessions', does: 'The members meet: add sessions, evidence and members’ documents; members draft recommendations.' },
  reported: {
    text: 'Mark the report as published',
    does: 'The recommendations are published (publishing them from the recommendations page does this too), and the answers fall due.',
  },
  closed: { text: 'Close the assembly', does: 'Its work is over. Its record stays public.' },
};

const kindText = {
  jury: { text: 'A citizens’ jury (one-off)', hint: 'Meets for a set number of sessions, reports, and ends.' },
  standing: { text: 'A standing assembly', hint: 'Members serve a term; those whose term ends are replaced by a new draw (rotation).' },
};
const algorithmText = {
  leximin: {
    text: 'LEXIMIN (recommended)',
    hint: 'Gives every volunteer the fairest possible chance: the least likely are made as likely as they can be (Flanigan et al., 2021).',
  },
  maximin: { text: 'MAXIMIN', hint: 'Raises the lowest chance of selection as far as it can, without evening out the rest.' },
  legacy: { text: 'LEGACY', hint: 'The older method of the Sortition Foundation: quick, but some volunteers’ chances can be very low.' },
};

/** The date fields (NHS.UK date inputs). */
const dateFields = ['registrationCloses'] as const;

/** The settings as typed, for createAssembly and updateAssembly. */
function settingsFrom(form: Values, organisationId: number): AssemblyInput {
  const numbers = wholeNumbers(
    form,
    {
      panelSize: 'Enter the number of seats as a whole number, like 30',
      termMonths: 'Enter the term in whole months, like 24',
      answerDays: 'Enter the days to answer as a whole number, like 90',
    },
    ['panelSize', 'answerDays'],
  );
  return {
    organisationId,
    title: text(form.title).trim(),
    remit: text(form.remit).trim(),
    kind: text(form.kind) as AssemblyInput['kind'],
    panelSize: numbers.panelSize ?? 0,
    involvement: text(form.involvement).trim(),
    payment: text(form.payment).trim(),
    openRegistration: text(form.openRegistration) === 'yes',
    registrationCloses: dateFromParts(form, 'registrationCloses') || null,
    algorithm: text(form.algorithm) as AssemblyInput['algorithm'],
    seedSource: text(form.seedSource).trim(),
    termMonths: text(form.kind) === 'standing' ? numbers.termMonths : null,
    answerDays: numbers.answerDays ?? 0,
    placeIds: formValues(form, 'placeIds').map(Number),
  };
}

/** A stored assembly as the settings form shows it. */
function formValuesOf(a: AssemblyDetail): Values {
  return {
    title: a.title,
    remit: a.remit,
    kind: a.kind,
    panelSize: String(a.panelSize),
    involvement: a.involvement,
    payment: a.payment,
    openRegistration: a.openRegistration ? 'yes' : 'no',
    ...datePartsOf('registrationCloses', a.registrationCloses),
    algorithm: a.algorithm,
    seedSource: a.seedSource,
    termMonths: a.termMonths === null ? '' : String(a.termMonths),
    answerDays: String(a.answerDays),
    placeIds: a.places.map((p) => String(p.id)),
  };
}

const newAssemblyValues: Values = { kind: 'jury', algorithm: selectionAlgorithms[0], openRegistration: 'no', answerDays: '90', panelSize: '30' };

/** The next steps for the assembly's phase, in words, each with the page that does it. */
function nextSteps(a: AssemblyDetail, counts: { addresses: number; invited: number; seats: number; done: boolean }) {
  const manage = `/assemblies/${a.id}/manage`;
  const steps: Array<{ text: string; href: string }> = [];
  if (a.phase === 'draft' || a.phase === 'recruiting') {
    if (!a.features.length) steps.push({ text: 'Set the selection questions and quotas', href: `${manage}/quotas` });
    if (!counts.addresses) steps.push({ text: 'Import the address list', href: `${manage}/addresses` });
    else if (!counts.invited) steps.push({ text: 'Draw the households to invite, and print their letters', href: `${manage}/addresses` });
  }
  if (a.phase === 'recruiting') steps.push({ text: 'Check the volunteers and their access needs', href: `${manage}/volunteers` });
  if (a.phase === 'selecting') {
    if (!counts.done) steps.push({ text: 'Check the quotas against the pool and draw the panel', href: `${manage}/selection` });
    else steps.push({ text: 'Record who confirms and who declines', href: `${manage}/members` });
  }
  if (counts.seats > 0)
    steps.push({ text: `Draw replacements for ${counts.seats} open ${counts.seats === 1 ? 'seat' : 'seats'}`, href: `${manage}/selection` });
  if (a.phase === 'sitting') steps.push({ text: 'Add sessions, evidence and members’ documents', href: `${manage}/work` });
  if (a.kind === 'standing' && a.phase === 'sitting') steps.push({ text: 'Rotate the members whose term has ended', href: `${manage}/members` });
  if (a.phase === 'sitting' || a.phase === 'reported')
    steps.push({ text: 'Open voting on recommendations, publish them and answer each', href: `${manage}/recommendations` });
  return steps;
}

export async function registerStaffAssemblyRoutes(app: App): Promise<void> {
  requireSignInOn(app, [/^\/organisations\/[^/]+\/assemblies\/new$/, /^\/assemblies\/[^/]+\/manage(\/|$)/]);
  const kit = manageKit(app);
  const { deps, managed, show } = kit;

  // ---- convening an assembly, and its settings ----
  const settingsContext = async (organisationId: number, values: Values, a?: AssemblyDetail) => {
    const organisation = await organisationSummaryOrNotFound(deps.db, organisationId);
    const chosen = formValues(values, 'placeIds');
    const choice = <K extends string>(field: string, options: readonly K[], labels: Record<K, { text: string; hint: string }>) =>
      options.map((o) => ({ value: o, text: labels[o].text, hint: { text: labels[o].hint }, checked: text(values[field]) === o }));
    return {
      title: a ? `Settings: ${a.title}` : 'Convene a citizens’ assembly',
      organisation,
      a,
      action: a ? `/assemblies/${a.id}/manage/settings` : `/organisations/${organisationId}/assemblies/new`,
      placeItems: (await placeOptions(deps.db)).map((p) => ({
        value: String(p.id),
        text: `${'– '.repeat(p.depth)}${p.name}`,
        checked: chosen.includes(String(p.id)),
      })),
      kindItems: choice('kind', assemblyKinds, kindText),
      algorithmItems: choice('algorithm', selectionAlgorithms, algorithmText),
      values,
      errors: {},
    };
  };

  /** The organisation convening a new assembly, when the actor may. */
  const conveningFor = async (request: FastifyRequest) => {
    const organisationId = idParam(request, 'id');
    await organisationSummaryOrNotFound(deps.db, organisationId);
    if (!can(request.actor, 'assembly.manage', { organisationId })) throw new ForbiddenError('Only the organisation’s admins convene citizens’ assemblies.');
    return organisationId;
  };

  app.get('/organisations/:id/assemblies/new', async (request, reply) =>
    reply.render(page('new'), await settingsContext(await conveningFor(request), newAssemblyValues)),
  );

  app.post('/organisations/:id/assemblies/new', async (request, reply) => {
    const organisationId = await conveningFor(request);
    const form = formOf(request);
    return handleForm(reply, { template: page('new'), context: () => settingsContext(organisationId, form), dateFields }, async () => {
      const id = await createAssembly(deps, request.actor, settingsFrom(form, organisationId));
      return reply.redirect(`/assemblies/${id}/manage?done=assembly-created`, 303);
    });
  });

  app.get('/assemblies/:id/manage/settings', async (request, reply) => {
    const a = await managed(request);
    return reply.render(page('manage-settings'), await settingsContext(a.organisation.id, formValuesOf(a), a));
  });

  app.post('/assemblies/:id/manage/settings', async (request, reply) => {
    const a = await managed(request);
    const form = formOf(request);
    return handleForm(reply, { template: page('manage-settings'), context: () => settingsContext(a.organisation.id, form, a), dateFields }, async () => {
      const { organisationId: _, ...input } = settingsFrom(form, a.organisation.id);
      await updateAssembly(deps, request.actor, a.id, input);
      return reply.redirect(`/assemblies/${a.id}/manage?done=assembly-saved`, 303);
    });
  });

  // ---- the dashboard: phase, next steps, moves ----
  const dashboard: ManagePage = {
    template: page('manage-dashboard'),
    context: async (request) => {
      const a = await managed(request);
      const [invitations, selections] = await Promise.all([invitationSummary(deps.db, request.actor, a.id), listSelections(deps.db, request.actor, a.id)]);
      const seats = a.phase === 'draft' || a.phase === 'recruiting' ? 0 : await openSeats(deps.db, a.id);
      const done = selections.some((s) => s.status === 'done');
      return {
        title: `Manage: ${a.title}`,
        a,
        invitations,
        seats,
        steps: nextSteps(a, { addresses: invitations.addresses, invited: invitations.invited, seats, done }),
        moves: nextPhases(a).map((to) => ({ to, ...moveWords[to] })),
        errors: {},
      };
    },
  };
  show('/assemblies/:id/manage', dashboard);

  app.post('/assemblies/:id/manage/phase', async (request, reply) => {
    const a = await managed(request);
    const to = text(formOf(request).to) as AssemblyPhase;
    if (!assemblyPhases.includes(to)) throw new NotFoundError();
    return handleForm(reply, { template: dashboard.template, context: () => dashboard.context(request, {}) }, async () => {
      await moveAssemblyPhase(deps, request.actor, a.id, to);
      return reply.redirect(`/assemblies/${a.id}/manage?done=assembly-phase-changed`, 303);
    });
  });

  registerManageRecruitment(app, kit);
  registerManageSelection(app, kit);
  registerManageWork(kit);
}
