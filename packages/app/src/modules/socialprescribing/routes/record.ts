// A referral's record and what its link worker does with it: take it on, record first contact and
// "what matters to me" conversations, keep the plan, connect the person to directory services,
// schedule and record follow-ups, record ONS4 wellbeing scores (the person adds their own too), and
// close it with a reason. Who sees what is the service's: anyone else gets "not found"; a viewer
// who may read the record but not do the action (the person, the referrer) is refused.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ForbiddenError, NotFoundError } from '../../../platform/errors.js';
import {
  dateFromParts,
  datePartsOf,
  formOf,
  handleForm,
  idParam,
  queryText,
  requireSignInOn,
  selectItems,
  text,
  todayInEngland,
  view,
} from '../../../platform/web/index.js';
import type { App } from '../../../platform/web/types.js';
import { searchServices } from '../../directory/service.js';

import {
  addConnection,
  addConversation,
  closeReasons,
  closeReferral,
  connectionStatuses,
  conversationModes,
  getReferral,
  recordFirstContact,
  recordFollowUp,
  recordWellbeing,
  savePlan,
  scheduleFollowUp,
  setConnectionStatus,
  takeOn,
  wellbeingChart,
  wellbeingMoments,
} from '../service.js';
import {
  choiceItems,
  closeReasonLabels,
  connectionStatusLabels,
  conversationModeLabels,
  ons4Questions,
  scoresFrom,
  sourceLabels,
  stateLabels,
  stateTagClasses,
  wellbeingMomentLabels,
} from './pageParts.js';

const page = view('socialprescribing');
const base = (id: number) => `/social-prescribing/referrals/${id}`;

type Record_ = Awaited<ReturnType<typeof getReferral>>;
type Values = Record<string, unknown>;

export async function registerRecordRoutes(app: App): Promise<void> {
  const { deps } = app;
  requireSignInOn(app, [/^\/social-prescribing\/referrals\//]);

  const recordOf = (request: FastifyRequest) => getReferral(deps, request.actor, idParam(request, 'id'));

  /** The record for an action page: the link worker working it (or, for scores, the person too). */
  const workOn = async (request: FastifyRequest, personMay = false) => {
    const record = await recordOf(request);
    if (!record.can.work && !(personMay && record.can.addOwnScores)) throw new ForbiddenError('Only the referral’s link worker may do that.');
    return record;
  };

  const heading = (record: Record_) => (record.viewer === 'person' ? 'Your social prescribing record' : `Referral for ${record.personName}`);
  const shared = (record: Record_, title: string, values: Values) => ({
    title,
    record,
    caption: heading(record),
    back: base(record.id),
    values,
    errors: {},
    ons4Questions,
  });

  // ---- the record ----
  app.get('/social-prescribing/referrals/:id', async (request, reply) => {
    const record = await recordOf(request);
    const chart = wellbeingChart(record.wellbeing);
    reply.header('cache-control', 'no-store');
    return reply.render(page('record'), {
      title: heading(record),
      heading: heading(record),
      record,
      chart,
      stateLabels,
      stateTagClasses,
      sourceLabels,
      modeLabels: conversationModeLabels,
      momentLabels: wellbeingMomentLabels,
      connectionStatusLabels,
      closeReasonLabels,
      values: { plan: record.plan },
      errors: {},
    });
  });

  app.post('/social-prescribing/referrals/:id/take-on', async (request, reply) => {
    const id = idParam(request, 'id');
    await takeOn(deps, request.actor, id);
    return reply.redirect(`${base(id)}?done=referral-taken-on`, 303);
  });

  /** An action page: GET shows the form, POST does it and goes back to the record with its message. */
  const actionPage = (
    path: string,
    template: string,
    title: (record: Record_) => string,
    options: {
      personMay?: boolean;
      dateFields?: readonly string[];
      initial?: (record: Record_, request: FastifyRequest) => Values;
      extra?: (record: Record_, values: Values, request: FastifyRequest) => Promise<Values> | Values;
      act: (request: FastifyRequest, record: Record_, form: Values) => Promise<string>;
    },
  ) => {
    const context = async (request: FastifyRequest, values: Values | null) => {
      const record = await workOn(request, options.personMay);
      const shown = values ?? options.initial?.(record, request) ?? {};
      return { ...shared(record, title(record), shown), ...(await options.extra?.(record, shown, request)) };
    };
    app.get(`/social-prescribing/referrals/:id/${path}`, async (request, reply) => reply.render(page(template), await context(request, null)));
    app.post(`/social-prescribing/referrals/:id/${path}`, async (request, reply: FastifyReply) => {
      const form = formOf(request);
      const record = await workOn(request, options.personMay);
      return handleForm(reply, { template: page(template), context: () => context(request, form), dateFields: options.dateFields }, async () => {
        const done = await options.act(request, record, form);
        return reply.redirect(`${base(record.id)}?done=${done}`, 303);
      });
    });
  };

  const today = () => todayInEngland();

  actionPage('first-contact', 'first-contact', () => 'Record first contact', {
    dateFields: ['contactedOn'],
    initial: () => datePartsOf('contactedOn', today()),
    act: async (request, record, form) => {
      await recordFirstContact(deps, request.actor, record.id, { contactedOn: dateFromParts(form, 'contactedOn') });
      return 'referral-contacted';
    },
  });

  actionPage('conversation', 'conversation', () => 'Record a conversation', {
    dateFields: ['heldOn'],
    initial: (record) => ({ ...datePartsOf('heldOn', today()), plan: record.plan }),
    extra: (_record, values) => ({ modeItems: choiceItems(conversationModes, conversationModeLabels, values.mode) }),
    act: async (request, record, form) => {
      await addConversation(deps, request.actor, record.id, {
        heldOn: dateFromParts(form, 'heldOn'),
        mode: text(form.mode),
        whatMatters: text(form.whatMatters),
        notes: text(form.notes),
        plan: text(form.plan),
      });
      return 'referral-conversation';
    },
  });

  actionPage('plan', 'plan', () => 'Change the plan', {
    initial: (record) => ({ plan: record.plan }),
    act: async (request, record, form) => {
      await savePlan(deps, request.actor, record.id, text(form.plan));
      return 'referral-plan';
    },
  });

  actionPage('connections', 'connections', () => 'Connect to a service', {
    extra: async (record, _values, request) => {
      const q = queryText(request, 'q').slice(0, 200);
      const postcode = queryText(request, 'postcode').slice(0, 16);
      const searchErrors: Record<string, string> = {};
      let results = null;
      if (q || postcode) {
        try {
          results = await searchServices(deps.db, request.actor, { text: q, postcode: postcode || undefined, pageSize: 20 });
        } catch (error) {
          const fieldErrors = (error as { fieldErrors?: Record<string, string> }).fieldErrors;
          if (!fieldErrors) throw error;
          for (const [field, message] of Object.entries(fieldErrors)) searchErrors[field === 'text' ? 'q' : field] = message;
        }
      }
      return {
        q,
        postcode,
        results,
        searchErrors,
        connections: record.connections.map((c) => ({
          ...c,
          statusItems: selectItems(
            connectionStatuses.map((s) => ({ value: s, text: connectionStatusLabels[s] })),
            c.status,
          ),
        })),
      };
    },
    act: async (request, record, form) => {
      await addConnection(deps, request.actor, record.id, { serviceId: text(form.serviceId), note: text(form.note) });
      return 'referral-connected';
    },
  });

  app.post('/social-prescribing/referrals/:id/connections/:connectionId', async (request, reply) => {
    const id = idParam(request, 'id');
    await setConnectionStatus(deps, request.actor, id, idParam(request, 'connectionId'), text(formOf(request).status));
    return reply.redirect(`${base(id)}/connections?done=referral-connection-status`, 303);
  });

  actionPage('follow-ups', 'follow-up-schedule', () => 'Schedule a follow-up', {
    dateFields: ['dueOn'],
    act: async (request, record, form) => {
      await scheduleFollowUp(deps, request.actor, record.id, { dueOn: dateFromParts(form, 'dueOn') });
      return 'referral-follow-up-scheduled';
    },
  });

  actionPage('follow-ups/:followUpId', 'follow-up-record', () => 'Record the follow-up', {
    extra: (record, _values, request) => {
      const followUp = record.followUps.find((f) => f.id === idParam(request, 'followUpId'));
      if (!followUp) throw new NotFoundError();
      return { followUp };
    },
    act: async (request, record, form) => {
      await recordFollowUp(deps, request.actor, record.id, idParam(request, 'followUpId'), { notes: text(form.notes), scores: scoresFrom(form) });
      return 'referral-follow-up-recorded';
    },
  });

  actionPage('wellbeing', 'wellbeing', (record) => (record.can.work ? 'Record wellbeing scores' : 'Add your wellbeing scores'), {
    personMay: true,
    dateFields: ['takenOn'],
    initial: () => datePartsOf('takenOn', today()),
    extra: (_record, values) => ({ momentItems: choiceItems(wellbeingMoments, wellbeingMomentLabels, values.moment) }),
    act: async (request, record, form) => {
      const scores = scoresFrom(form);
      const linkWorker = record.can.work;
      await recordWellbeing(deps, request.actor, record.id, {
        takenOn: linkWorker ? dateFromParts(form, 'takenOn') : today(),
        moment: linkWorker ? text(form.moment) : undefined,
        scores,
      });
      return 'referral-wellbeing';
    },
  });

  actionPage('close', 'close', () => 'Close the referral', {
    extra: (_record, values) => ({ reasonItems: choiceItems(closeReasons, closeReasonLabels, values.reason) }),
    act: async (request, record, form) => {
      await closeReferral(deps, request.actor, record.id, {
        reason: text(form.reason),
        note: text(form.note),
        scores: scoresFrom(form),
      });
      return 'referral-closed';
    },
  });
}
