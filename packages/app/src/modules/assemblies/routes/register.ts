// Registering for a citizens' assembly, as plain forms that work without JavaScript: what taking
// part involves and pays, then the code from the letter (or the open route where the organisation
// allows it), then the selection questions, contact details and access needs, then a check step
// with a change button beside each answer, then the registration. What was typed travels only in
// the posted forms, never in an address. Then "my registration": its status, the chance of being
// chosen in each round, confirming or declining a place, and withdrawing (after a confirm step).
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ConflictError, ValidationError } from '../../../platform/errors.js';
import { formatDate } from '../../../platform/views.js';
import { errorsFor, formOf, formValues, handleForm, idParam, queryText, sentToSignIn, text, todayInEngland, view } from '../../../platform/web/index.js';
import type { App } from '../../../platform/web/types.js';
import {
  type AssemblyDetail,
  checkCode,
  checkRegistration,
  getAssembly,
  myRegistration,
  type RegistrationInput,
  register,
  respondToSelection,
  withdraw,
} from '../service.js';
import { percent, phaseTags } from './publicView.js';

const page = view('assemblies');

/** The access needs offered as ticks (the interpreter's language and anything else are typed). */
const needOptions = [
  { value: 'easyRead', text: 'Papers in easy read' },
  { value: 'childcare', text: 'Childcare, or its cost paid, while I take part' },
  { value: 'travel', text: 'Help with travel, or its cost paid' },
  { value: 'carer', text: 'A carer or supporter coming with me' },
] as const;

type NeedKey = (typeof needOptions)[number]['value'];

/** The fields of the registration form, as typed (the values the form, the check step and the change buttons carry). */
function typedFields(a: AssemblyDetail, form: Record<string, unknown>): Record<string, string | string[]> {
  const fields: Record<string, string | string[]> = {
    route: text(form.route) === 'open' ? 'open' : 'code',
    code: text(form.code).trim().toUpperCase(),
    name: text(form.name).trim(),
    email: text(form.email).trim(),
    phone: text(form.phone).trim(),
    interpreter: text(form.interpreter).trim(),
    needs: formValues(form, 'needs').filter((v) => needOptions.some((o) => o.value === v)),
    otherNeeds: text(form.otherNeeds).trim(),
    firstTime: text(form.firstTime),
    namePublic: text(form.namePublic),
  };
  for (const f of a.features) fields[`feature-${f.key}`] = text(form[`feature-${f.key}`]);
  return fields;
}

function inputFrom(a: AssemblyDetail, fields: Record<string, string | string[]>): RegistrationInput {
  const needs = new Set(fields.needs as string[]);
  const has = (need: NeedKey) => needs.has(need);
  return {
    code: fields.route === 'open' ? '' : text(fields.code),
    name: text(fields.name),
    email: text(fields.email),
    phone: text(fields.phone),
    features: Object.fromEntries(a.features.map((f) => [f.key, text(fields[`feature-${f.key}`])])),
    interpreter: text(fields.interpreter),
    easyRead: has('easyRead'),
    childcare: has('childcare'),
    travel: has('travel'),
    carer: has('carer'),
    otherNeeds: text(fields.otherNeeds),
    firstTime: fields.firstTime === 'yes',
    namePublic: fields.namePublic === 'yes',
  };
}

/** Every rule the form breaks: the service's, and the two yes-or-no questions it cannot tell were left unanswered. */
function formErrorsOf(a: AssemblyDetail, fields: Record<string, string | string[]>): Record<string, string> {
  const errors: Record<string, string> = { ...checkRegistration(a, inputFrom(a, fields)) };
  if (fields.firstTime !== 'yes' && fields.firstTime !== 'no') errors.firstTime = 'Say whether this is the first time you have taken part';
  if (fields.namePublic !== 'yes' && fields.namePublic !== 'no') errors.namePublic = 'Say whether your name may be shown if you become a member';
  // The code was checked at the first step; the open route has none.
  if (fields.route === 'open') delete errors.code;
  return errors;
}

const yesNo = (value: unknown, yes: string, no: string) => [
  { value: 'yes', text: yes, checked: value === 'yes' },
  { value: 'no', text: no, checked: value === 'no' },
];

/** The check step's rows: each answer with the field its change button goes back to. */
function checkRows(a: AssemblyDetail, fields: Record<string, string | string[]>) {
  const needs = new Set(fields.needs as string[]);
  const needList = [
    ...(fields.interpreter ? [`An interpreter: ${fields.interpreter}`] : []),
    ...needOptions.filter((o) => needs.has(o.value)).map((o) => o.text),
    ...(fields.otherNeeds ? [`Other: ${fields.otherNeeds}`] : []),
  ];
  return [
    ...(fields.route === 'open'
      ? [{ key: 'How you are registering', value: 'Without a letter (the open route)', field: '' }]
      : [{ key: 'Your code', value: text(fields.code), field: '' }]),
    ...a.features.map((f) => ({ key: f.label, value: text(fields[`feature-${f.key}`]), field: `feature-${f.key}` })),
    { key: 'Name', value: text(fields.name), field: 'name' },
    { key: 'Email', value: text(fields.email), field: 'email' },
    { key: 'Phone', value: text(fields.phone) || 'Not given', field: 'phone' },
    { key: 'What would help you take part', value: needList.length ? needList.join('\n') : 'Nothing', field: 'interpreter' },
    {
      key: 'First time taking part',
      value: fields.firstTime === 'yes' ? 'Yes, this is the first time' : 'No, I have taken part before',
      field: 'firstTime',
    },
    { key: 'Your name shown if you become a member', value: fields.namePublic === 'yes' ? 'Yes' : 'No', field: 'namePublic' },
  ];
}

/** The hidden fields that carry the answers through the check step. */
function carried(fields: Record<string, string | string[]>): Array<{ name: string; value: string }> {
  return Object.entries(fields).flatMap(([name, value]) => (Array.isArray(value) ? value.map((v) => ({ name, value: v })) : [{ name, value }]));
}

/** Why registration is not open now, or null when it is. */
export function closedReason(a: AssemblyDetail): string | null {
  if (a.phase === 'draft') return 'Registration has not opened yet.';
  if (a.phase !== 'recruiting') return 'Registration has closed: the members are being chosen or have been chosen.';
  if (a.registrationCloses && a.registrationCloses < todayInEngland()) return `Registration closed on ${formatDate(a.registrationCloses)}.`;
  return null;
}

export async function registerRegistrationRoutes(app: App): Promise<void> {
  const { deps } = app;

  const assembly = (request: FastifyRequest) => getAssembly(deps, request.actor, idParam(request, 'id'));

  const here = (a: AssemblyDetail) => `/assemblies/${a.id}/register`;

  /** The first step: what taking part involves and pays, and the code box (or why registration is not open). */
  async function showStart(request: FastifyRequest, reply: FastifyReply, a: AssemblyDetail, code = '', errors: Record<string, string> = {}, refused = false) {
    const closed = closedReason(a);
    const mine = request.actor.accountId === null ? null : await myRegistration(deps.db, request.actor, a.id);
    const status = refused ? 409 : Object.keys(errors).length ? 422 : 200;
    return reply.code(status).render(page('public-register'), {
      title: `Take part: ${a.title}`,
      a,
      phaseTag: phaseTags[a.phase],
      closed,
      registered: mine !== null && mine.status === 'registered',
      signedIn: request.actor.accountId !== null,
      signInHref: `/sign-in?next=${encodeURIComponent(here(a))}`,
      values: { code },
      ...errorsFor(errors),
    });
  }

  /** The registration form with what was typed and any errors. */
  function showForm(reply: FastifyReply, a: AssemblyDetail, fields: Record<string, string | string[]>, errors: Record<string, string> = {}) {
    const needs = new Set(fields.needs as string[]);
    return reply.code(Object.keys(errors).length ? 422 : 200).render(page('public-register-form'), {
      title: `Your details: ${a.title}`,
      a,
      fields,
      open: fields.route === 'open',
      features: a.features.map((f) => ({
        ...f,
        name: `feature-${f.key}`,
        items: f.values.map((v) => ({ value: v.value, text: v.value, checked: fields[`feature-${f.key}`] === v.value })),
      })),
      needItems: needOptions.map((o) => ({ value: o.value, text: o.text, checked: needs.has(o.value) })),
      firstTimeItems: yesNo(fields.firstTime, 'Yes, this is the first time', 'No, I have taken part before'),
      namePublicItems: yesNo(fields.namePublic, 'Yes, you may show my name', 'No, do not show my name'),
      ...errorsFor(errors),
    });
  }

  /** A step after the first: signed in, registration open and the code still good; otherwise the answer is sent and null returned. */
  async function openFor(request: FastifyRequest, reply: FastifyReply): Promise<AssemblyDetail | null> {
    const a = await assembly(request);
    if (closedReason(a)) {
      await showStart(request, reply, a, '', {}, true);
      return null;
    }
    return a;
  }

  app.get('/assemblies/:id/register', async (request, reply) => {
    const a = await assembly(request);
    if (queryText(request, 'route') === 'open' && a.openRegistration && !closedReason(a)) {
      if (sentToSignIn(request, reply)) return reply;
      const account = request.account;
      return showForm(reply, a, typedFields(a, { route: 'open', name: account?.name ?? '', email: account?.email ?? '' }));
    }
    return showStart(request, reply, a);
  });

  /**
   * Every step posts here, saying which it is: `code` (the code checked, then the form), `details`
   * (the form checked, then the check step), `confirm` (registered, or with `change` the form again).
   */
  app.post('/assemblies/:id/register', async (request, reply) => {
    if (sentToSignIn(request, reply)) return reply;
    // The answers shown again carry contact details and access needs: never kept by a cache.
    reply.header('cache-control', 'no-store');
    const form = formOf(request);
    const a = await openFor(request, reply);
    if (!a) return reply;
    const step = text(form.step);
    const fields = typedFields(a, form);
    if (fields.route === 'open' && !a.openRegistration) return showStart(request, reply, a);

    if (fields.route === 'code') {
      const code = text(fields.code);
      if (code === '') return showStart(request, reply, a, code, { code: 'Enter the code printed on your letter' });
      const known = await checkCode(deps.db, a.id, code);
      // The code said back as typed, unless it is too long to be one.
      const named = code.length <= 20 ? `The code ${code}` : 'That code';
      if (known === 'unknown')
        return showStart(request, reply, a, code.slice(0, 20), { code: `${named} is not one of the codes for this assembly: check it against your letter` });
      if (known === 'used') return showStart(request, reply, a, code, { code: `${named} has already been used to register` });
    }
    if (step === 'code') {
      const account = request.account;
      return showForm(reply, a, { ...fields, name: account?.name ?? '', email: account?.email ?? '' });
    }
    if (step === 'confirm' && text(form.change)) return showForm(reply, a, fields);

    const errors = formErrorsOf(a, fields);
    if (Object.keys(errors).length) return showForm(reply, a, fields, errors);
    if (step !== 'confirm') {
      return reply.render(page('public-register-check'), {
        title: `Check your answers: ${a.title}`,
        a,
        rows: checkRows(a, fields),
        carried: carried(fields),
      });
    }
    try {
      await register(deps, request.actor, a.id, inputFrom(a, fields));
    } catch (error) {
      if (error instanceof ValidationError) {
        if (error.fieldErrors.code) return showStart(request, reply, a, text(fields.code), { code: error.fieldErrors.code });
        return showForm(reply, a, fields, error.fieldErrors);
      }
      if (error instanceof ConflictError) {
        return reply.code(409).render(page('public-register-check'), {
          title: `Check your answers: ${a.title}`,
          a,
          rows: checkRows(a, fields),
          carried: carried(fields),
          errorList: [{ text: error.message, href: '#main-content' }],
        });
      }
      throw error;
    }
    return reply.redirect(`/assemblies/${a.id}/me?done=registered`, 303);
  });

  // ---- my registration ----
  async function meContext(request: FastifyRequest) {
    const a = await assembly(request);
    const mine = await myRegistration(deps.db, request.actor, a.id);
    return {
      title: `Your registration: ${a.title}`,
      a,
      mine,
      probabilities: (mine?.probabilities ?? []).map((p) => ({ round: p.round, text: percent(p.probability) })),
      selected: mine?.member?.status === 'selected',
      member: mine?.member?.status === 'confirmed',
    };
  }

  app.get('/assemblies/:id/me', async (request, reply) => {
    if (sentToSignIn(request, reply)) return reply;
    reply.header('cache-control', 'no-store');
    return reply.render(page('public-me'), await meContext(request));
  });

  for (const answer of ['confirm', 'decline'] as const) {
    app.post(`/assemblies/:id/me/${answer}`, async (request, reply) => {
      if (sentToSignIn(request, reply)) return reply;
      const id = idParam(request, 'id');
      return handleForm(reply, { template: page('public-me'), context: () => meContext(request) }, async () => {
        await respondToSelection(deps, request.actor, id, answer);
        return reply.redirect(`/assemblies/${id}/me?done=${answer === 'confirm' ? 'member-confirmed' : 'member-declined'}`, 303);
      });
    });
  }

  /** Withdrawing: first a page that asks "are you sure?" (sure=yes), then done. */
  app.post('/assemblies/:id/me/withdraw', async (request, reply) => {
    if (sentToSignIn(request, reply)) return reply;
    const id = idParam(request, 'id');
    if (text(formOf(request).sure) !== 'yes') {
      const context = await meContext(request);
      return reply.render(page('public-me-withdraw'), { ...context, title: `Withdraw: ${context.a.title}` });
    }
    return handleForm(reply, { template: page('public-me'), context: () => meContext(request) }, async () => {
      await withdraw(deps, request.actor, id);
      return reply.redirect(`/assemblies/${id}/me?done=withdrawn`, 303);
    });
  });
}
