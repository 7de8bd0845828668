// Pages for people: what social prescribing is and who offers it (anyone), the referral form (a
// person for themself, a GP practice's referrer for a patient, a link worker for someone they met),
// and the person's own records in their account with the referrals they made.
import type { FastifyRequest } from 'fastify';
import { ValidationError } from '../../../platform/errors.js';
import { formOf, handleForm, queryText, requireSignInOn, selectItems, text, view } from '../../../platform/web/index.js';
import type { App } from '../../../platform/web/types.js';
import { createReferral, myReferrals, referOptions, referralsMadeBy, socialPrescribingServices } from '../service.js';
import { formId, stateLabels, stateTagClasses } from './pageParts.js';

const page = view('socialprescribing');

type Way = { value: string; text: string; as: 'self' | 'organisation' | 'link_worker'; organisationId?: number };

export async function registerPublicReferralRoutes(app: App): Promise<void> {
  const { deps } = app;
  requireSignInOn(app, [/^\/social-prescribing\/refer$/, /^\/account\/social-prescribing$/]);

  app.get('/social-prescribing', async (request, reply) => {
    const services = await socialPrescribingServices(deps.db);
    const options = request.actor.accountId === null ? null : await referOptions(deps.db, request.actor);
    const referringFor = options?.referringFor ?? [];
    return reply.render(page('about'), {
      title: 'Social prescribing',
      services,
      signedIn: request.actor.accountId !== null,
      canReferSelf: options?.canReferSelf ?? false,
      referPatientHref: referringFor.length === 1 ? `/social-prescribing/refer?as=org:${referringFor[0]?.organisationId}` : '/social-prescribing/refer',
      referringFor,
      linkWorkerIn: options?.linkWorkerIn ?? [],
    });
  });

  /** The form for the ways the actor may refer; ?as= (from a link) fixes one way. */
  const referContext = async (request: FastifyRequest, values: Record<string, unknown>) => {
    const options = await referOptions(deps.db, request.actor);
    const ways: Way[] = [
      ...(options.canReferSelf ? [{ value: 'self', text: 'I am referring myself', as: 'self' as const }] : []),
      ...options.referringFor.map((o) => ({
        value: `org:${o.organisationId}`,
        text: `For ${o.name}`,
        as: 'organisation' as const,
        organisationId: o.organisationId,
      })),
      ...options.linkWorkerIn.map((o) => ({
        value: `lw:${o.organisationId}`,
        text: `As a link worker at ${o.name}`,
        as: 'link_worker' as const,
        organisationId: o.organisationId,
      })),
    ];
    const asked = ways.find((w) => w.value === queryText(request, 'as'));
    const fixed = asked ?? (ways.length === 1 ? ways[0] : undefined);
    const self = fixed?.as === 'self';
    return {
      title: 'Refer to social prescribing',
      action: fixed && asked ? `/social-prescribing/refer?as=${encodeURIComponent(fixed.value)}` : '/social-prescribing/refer',
      fixed,
      self,
      wayItems: fixed ? [] : ways.map((w) => ({ value: w.value, text: w.text, checked: text(values.as) === w.value })),
      // A link worker refers to their own organisation's service; the others choose one (unless there is only one).
      chooseService: fixed?.as !== 'link_worker' && options.services.length > 1,
      onlyService: options.services.length === 1 ? options.services[0] : undefined,
      serviceItems: selectItems(
        options.services.map((s: { organisationId: number; name: string }) => ({ value: s.organisationId, text: s.name })),
        values.organisationId ?? '',
        'Choose a service',
      ),
      hasServices: options.services.length > 0,
      values,
      errors: {},
      ways,
    };
  };

  app.get('/social-prescribing/refer', async (request, reply) => reply.render(page('refer'), await referContext(request, {})));

  app.post('/social-prescribing/refer', async (request, reply) => {
    const form = formOf(request);
    const context = await referContext(request, form);
    return handleForm(reply, { template: page('refer'), context }, async () => {
      const way = context.fixed ?? context.ways.find((w) => w.value === text(form.as));
      if (!way) throw new ValidationError({ as: 'Choose who is making this referral' });
      const organisationId =
        way.as === 'link_worker' ? (way.organisationId as number) : context.onlyService ? context.onlyService.organisationId : formId(form.organisationId);
      const id = await createReferral(deps, request.actor, {
        organisationId,
        as: way.as,
        ...(way.as === 'organisation' ? { referrerOrganisationId: way.organisationId } : {}),
        personName: text(form.personName),
        personEmail: text(form.personEmail),
        personPhone: text(form.personPhone),
        reason: text(form.reason),
        shareWithGroups: text(form.shareWithGroups) === 'yes',
        personAgreed: way.as === 'self' || text(form.personAgreed) === 'yes',
      });
      deps.kickMail();
      return reply.redirect(`/social-prescribing/referrals/${id}?done=referral-sent`, 303);
    });
  });

  app.get('/account/social-prescribing', async (request, reply) => {
    const [own, made] = await Promise.all([myReferrals(deps, request.actor), referralsMadeBy(deps, request.actor)]);
    return reply.render(page('account'), { title: 'Your social prescribing', own, made, stateLabels, stateTagClasses });
  });
}
