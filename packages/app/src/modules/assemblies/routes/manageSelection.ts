// Organisers' pages of an assembly's selection: the feasibility report (in decide's words, with the
// quotas to relax and by how much), the seed box with the seed's announced source, the draw asked for,
// its progress while the job runs (a page that refreshes itself, without JavaScript), its result, a
// replacement draw when seats are open; and the members: confirm or decline recorded on a person's
// behalf, and the rotation of a standing assembly.
import { NotFoundError, ValidationError } from '../../../platform/errors.js';
import { idParam, queryText, text } from '../../../platform/web/index.js';
import type { App } from '../../../platform/web/types.js';
import type { SelectionPurpose } from '../schema.js';
import {
  type AssemblyDetail,
  feasibilityReport,
  getSelection,
  listMembers,
  listSelections,
  openSeats,
  recordMemberResponse,
  requestSelection,
  rotate,
} from '../service.js';
import type { ManageKit, ManagePage } from './manageKit.js';
import { page } from './manageKit.js';

export const purposeText: Record<SelectionPurpose, string> = {
  initial: 'The first draw of the panel',
  replacement: 'A draw for open seats',
  rotation: 'A rotation draw',
};

/**
 * Seconds between refreshes of a draw's progress page, when the organiser asks for them (?watch=1):
 * a page that reloads by itself unasked fails WCAG 2.2.1 (technique F41), so it is their choice,
 * and they can stop it.
 */
const refreshSeconds = 5;

/** The purpose of the next draw: the first panel, or the open seats once there is one. */
const nextPurpose = (done: boolean, seats: number): SelectionPurpose | null => (!done ? 'initial' : seats > 0 ? 'replacement' : null);

export function registerManageSelection(app: App, { deps, managed, show, submit }: ManageKit): void {
  const labelOf = (a: AssemblyDetail) => {
    const labels = new Map<string, string>();
    for (const f of a.features) labels.set(f.key, f.label);
    return (key: string) => labels.get(key) ?? key;
  };

  // ---- the selection: feasibility, seed, draw, results ----
  const selection: ManagePage = {
    template: page('manage-selection'),
    context: async (request, typed) => {
      const a = await managed(request);
      const [rounds, seats] = await Promise.all([listSelections(deps.db, request.actor, a.id), openSeats(deps.db, a.id)]);
      const done = rounds.some((r) => r.status === 'done');
      const running = rounds.find((r) => r.status === 'queued' || r.status === 'running') ?? null;
      const purpose = running ? null : nextPurpose(done, seats);
      const feasibility = a.features.length && a.poolSize ? await feasibilityReport(deps.db, request.actor, a.id) : null;
      const label = labelOf(a);
      return {
        title: `Selection: ${a.title}`,
        a,
        rounds: rounds.map((r) => ({ ...r, purposeText: purposeText[r.purpose] })),
        running,
        seats,
        purpose,
        purposeText: purpose ? purposeText[purpose] : '',
        feasibility: feasibility && {
          ...feasibility,
          relaxations: feasibility.relaxations.map((r) => ({
            label: label(r.quota.category),
            value: r.quota.feature,
            min: r.quota.min,
            max: r.quota.max,
            newMin: r.min,
            newMax: r.max,
          })),
        },
        values: typed,
        errors: {},
      };
    },
  };
  show('/assemblies/:id/manage/selection', selection);

  submit('/assemblies/:id/manage/selection', selection, async (request, a, form) => {
    const purpose = text(form.purpose) as SelectionPurpose;
    const { round } = await requestSelection(deps, request.actor, a.id, { seed: text(form.seed).trim(), purpose: purpose || undefined });
    return `/assemblies/${a.id}/manage/selection/${round}?done=selection-requested`;
  });

  // A draw's progress while the job runs (the page refreshes itself), then its result.
  app.get('/assemblies/:id/manage/selection/:round', async (request, reply) => {
    const a = await managed(request);
    const round = await getSelection(deps.db, request.actor, a.id, idParam(request, 'round'));
    if (!round) throw new NotFoundError();
    const working = round.status === 'queued' || round.status === 'running';
    const watching = working && queryText(request, 'watch') === '1';
    const label = labelOf(a);
    const result = round.result;
    const probabilities = result ? Object.values(result.probabilities) : [];
    reply.header('cache-control', 'no-store');
    return reply.render(page('manage-selection-round'), {
      title: `${purposeText[round.purpose]} (round ${round.round}): ${a.title}`,
      a,
      round,
      purposeText: purposeText[round.purpose],
      working,
      watching,
      refreshSeconds,
      percent: round.progressTotal ? Math.floor((round.progressDone / round.progressTotal) * 100) : 0,
      quotaRows: (result?.quotas ?? []).map((q) => ({ ...q, label: label(q.feature) })),
      pool: probabilities.length,
      averagePercent: probabilities.length ? Math.round((probabilities.reduce((s, p) => s + p, 0) / probabilities.length) * 1000) / 10 : 0,
      minPercent: result ? Math.round(result.minProbability * 1000) / 10 : 0,
    });
  });

  // ---- the members: confirm or decline on a person's behalf, and rotation ----
  const members: ManagePage = {
    template: page('manage-members'),
    context: async (request, typed) => {
      const a = await managed(request);
      const [list, seats] = await Promise.all([listMembers(deps.db, request.actor, a.id), openSeats(deps.db, a.id)]);
      return { title: `Members: ${a.title}`, a, members: list, seats, values: typed, errors: {} };
    },
  };
  show('/assemblies/:id/manage/members', members);

  submit('/assemblies/:id/manage/members/rotate', members, async (request, a, form) => {
    const { round } = await rotate(deps, request.actor, a.id, { seed: text(form.seed).trim() });
    return `/assemblies/${a.id}/manage/selection/${round}?done=rotated`;
  });

  submit('/assemblies/:id/manage/members/:memberId', members, async (request, a, form) => {
    const memberId = idParam(request, 'memberId');
    const response = text(form[`response-${memberId}`]);
    if (response !== 'confirm' && response !== 'decline')
      throw new ValidationError({ [`response-${memberId}`]: 'Choose whether they confirm or decline their place' });
    await recordMemberResponse(deps, request.actor, memberId, response, a.id);
    return `/assemblies/${a.id}/manage/members?done=${response === 'confirm' ? 'member-confirmed' : 'member-declined'}#member-${memberId}`;
  });
}
