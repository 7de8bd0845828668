// Organisers' pages of an assembly's recruitment: the selection questions and quotas (typed as lines,
// or proposed from the places' population profile) beside the population and the pool; the address
// list (a CSV uploaded or pasted, each bad line named) and the draws of households to invite; the
// printable letters of a draw; and the volunteers with their contact details and access needs.
import type { FastifyRequest } from 'fastify';
import { ValidationError } from '../../../platform/errors.js';
import { formOf, handleForm, idParam, pageNumber, paginationOf, queryString, queryText, text } from '../../../platform/web/index.js';
import type { App } from '../../../platform/web/types.js';
import {
  drawInvitations,
  importAddresses,
  invitationLetters,
  invitationSummary,
  listVolunteers,
  parseQuotasText,
  type QuotaInput,
  quotaComparison,
  quotasFromPopulation,
  setQuotas,
} from '../service.js';
import { type ManageKit, type ManagePage, page, renamingFields, wholeNumbers } from './manageKit.js';

const percent = (share: number | null | undefined) => (share === null || share === undefined ? '' : `${Math.round(share * 1000) / 10}%`);

/** Quotas as the lines of the quotas box: `feature | Label | value | min | max | population %`. */
export function quotasText(quotas: readonly QuotaInput[]): string {
  return quotas
    .map((q) =>
      [q.feature, q.featureLabel, q.value, q.min, q.max, ...(q.populationShare === null ? [] : [Math.round(q.populationShare * 1000) / 10])].join(' | '),
    )
    .join('\n');
}

/** A volunteer's access needs in words (empty: none). */
export function needsOf(v: { interpreter: string; easyRead: boolean; childcare: boolean; travel: boolean; carer: boolean; otherNeeds: string }): string[] {
  return [
    v.interpreter ? `An interpreter (${v.interpreter})` : '',
    v.easyRead ? 'Easy read papers' : '',
    v.childcare ? 'Childcare' : '',
    v.travel ? 'Help with travel' : '',
    v.carer ? 'A carer coming with them' : '',
    v.otherNeeds,
  ].filter(Boolean);
}

export function registerManageRecruitment(app: App, { deps, managed, show, submit }: ManageKit): void {
  // ---- selection questions and quotas ----
  const quotas: ManagePage = {
    template: page('manage-quotas'),
    context: async (request, typed) => {
      const a = await managed(request);
      const comparison = await quotaComparison(deps.db, request.actor, a.id);
      const stored = a.features.flatMap((f) =>
        f.values.map((v) => ({ feature: f.key, featureLabel: f.label, value: v.value, min: v.min, max: v.max, populationShare: v.populationShare })),
      );
      return {
        title: `Selection questions and quotas: ${a.title}`,
        a,
        rows: comparison.map((r) => ({ ...r, populationText: percent(r.populationShare), poolText: percent(r.poolShare) })),
        values: { quotas: typed.quotas ?? quotasText(stored) },
        proposed: typed.proposed === true,
        errors: {},
      };
    },
  };
  show('/assemblies/:id/manage/quotas', quotas);

  submit('/assemblies/:id/manage/quotas', quotas, async (request, a, form) => {
    const parsed = parseQuotasText(text(form.quotas));
    if ('error' in parsed) throw new ValidationError({ quotas: parsed.error });
    await setQuotas(deps, request.actor, a.id, parsed.quotas);
    return `/assemblies/${a.id}/manage/quotas?done=quotas-saved`;
  });

  // Proposed from the places' population profile: shown in the box to check and save, not saved yet.
  app.post('/assemblies/:id/manage/quotas/population', async (request, reply) => {
    const a = await managed(request);
    const proposal = await quotasFromPopulation(deps.db, request.actor, a.id, a.panelSize);
    const context = await quotas.context(request, { quotas: quotasText(proposal), proposed: true });
    return reply.header('cache-control', 'no-store').render(quotas.template, context);
  });

  // ---- the address list and the draws of invitations ----
  const addresses: ManagePage = {
    template: page('manage-addresses'),
    context: async (request, typed) => {
      const a = await managed(request);
      return { title: `Addresses and invitations: ${a.title}`, a, summary: await invitationSummary(deps.db, request.actor, a.id), values: typed, errors: {} };
    },
  };
  show('/assemblies/:id/manage/addresses', addresses);

  app.post('/assemblies/:id/manage/addresses', async (request, reply) => {
    const file = formOf(request).file;
    return handleForm(reply, { template: addresses.template, context: () => addresses.context(request, {}) }, async () => {
      const a = await managed(request);
      if (!Buffer.isBuffer(file) || !file.length) throw new ValidationError({ file: 'Choose the address list (a CSV file) to upload' });
      await importAddresses(deps, request.actor, a.id, file.toString('utf8'));
      return reply.redirect(`/assemblies/${a.id}/manage/addresses?done=addresses-imported`, 303);
    });
  });

  submit('/assemblies/:id/manage/addresses/paste', addresses, async (request, a, form) => {
    const pasted = text(form.pasted);
    if (!pasted.trim()) throw new ValidationError({ pasted: 'Paste the addresses, with the heading line first' });
    await renamingFields({ file: 'pasted' }, () => importAddresses(deps, request.actor, a.id, pasted));
    return `/assemblies/${a.id}/manage/addresses?done=addresses-imported`;
  });

  submit('/assemblies/:id/manage/addresses/draw', addresses, async (request, a, form) => {
    const { count } = wholeNumbers(form, { count: 'Enter how many households to invite as a whole number, like 1000' }, ['count']);
    const { drawId } = await drawInvitations(deps, request.actor, a.id, { count: count ?? 0, seed: text(form.seed).trim() });
    return `/assemblies/${a.id}/manage/letters/${drawId}?done=invitations-drawn`;
  });

  // ---- the letters of a draw: one a printed page ----
  app.get('/assemblies/:id/manage/letters/:drawId', async (request, reply) => {
    const a = await managed(request);
    const drawId = idParam(request, 'drawId');
    const letters = await invitationLetters(deps.db, request.actor, a.id, drawId);
    return reply.header('cache-control', 'no-store').render(page('manage-letters'), {
      title: `Invitation letters: ${a.title}`,
      a,
      drawId,
      letters: letters.map((l) => ({ ...l, addressLines: l.address.split(/\r?\n/).filter((line) => line.trim()) })),
      registerUrl: `${deps.config.publicUrl}/assemblies/${a.id}/register`,
    });
  });

  // ---- the volunteers: contact details and access needs ----
  app.get('/assemblies/:id/manage/volunteers', async (request: FastifyRequest, reply) => {
    const a = await managed(request);
    const filter = queryText(request, 'filter') === 'needs' ? 'needs' : 'all';
    const pageNo = pageNumber(queryText(request, 'page'));
    const list = await listVolunteers(deps.db, request.actor, a.id, { page: pageNo, filter });
    const hrefFor = (n: number) =>
      `/assemblies/${a.id}/manage/volunteers${queryString({ filter: filter === 'needs' ? 'needs' : undefined, page: n > 1 ? n : undefined })}`;
    reply.header('cache-control', 'no-store');
    return reply.render(page('manage-volunteers'), {
      title: `Volunteers: ${a.title}`,
      a,
      filter,
      list,
      volunteers: list.items.map((v) => ({
        ...v,
        needs: needsOf(v),
        answers: a.features.map((f) => ({ label: f.label, value: v.features[f.key] ?? '' })),
      })),
      resultPages: paginationOf(list.page, list.pageSize, list.total, hrefFor),
    });
  });
}
