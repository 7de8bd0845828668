// The complaints dashboard and the quarterly CSV for complaints managers: loads the organisation's
// complaints as plain data (two queries) and hands them to figures.ts, where every figure is worked out.
import { recordAudit } from '../../platform/audit.js';
import { type BarChart, barChart } from '../../platform/charts.js';
import type { Db } from '../../platform/database.js';
import { ForbiddenError } from '../../platform/errors.js';
import { getOrganisationSummary } from '../registry/service.js';
import {
  type ComplaintFigures,
  complaintFigures,
  csvHeader,
  type FigureComplaint,
  ko41aRows,
  parseQuarterKey,
  type Quarter,
  type QuarterFigures,
  quarterFigures,
  quarterOf,
  recentQuarters,
  toCsv,
} from './figures.js';
import { type Actor, can } from './policy.js';
import { type ComplaintSubject, complaintOutcomes, complaintSubjects } from './schema.js';
import { type ComplaintsDeps, nowOf } from './service.js';
import { extraHolidaysOf } from './settings.js';
import { outcomeLabels, subjectLabels, ukDate } from './timeline.js';

/** The organisation, if the actor manages its complaints; otherwise "not found". */
async function reportableOrganisation(db: Db, actor: Actor, organisationId: number): Promise<{ id: number; name: string }> {
  const organisation = await getOrganisationSummary(db, organisationId);
  if (!organisation || !can(actor, 'complaint.report', { organisationId: organisation.id })) throw new ForbiddenError('Not found', true);
  return organisation;
}

async function loadFigureData(db: Db, organisationId: number): Promise<FigureComplaint[]> {
  const [rows, subjects] = await Promise.all([
    db
      .selectFrom('complaint')
      .select(['id', 'reference', 'status', 'received_on', 'acknowledged_on', 'response_due', 'response_sent_on', 'outcome'])
      .where('organisation_id', '=', organisationId)
      .orderBy('id')
      .execute(),
    db
      .selectFrom('complaint_subject')
      .innerJoin('complaint', 'complaint.id', 'complaint_subject.complaint_id')
      .select(['complaint_subject.complaint_id', 'complaint_subject.subject'])
      .where('complaint.organisation_id', '=', organisationId)
      .execute(),
  ]);
  const byComplaint = new Map<number, ComplaintSubject[]>();
  for (const s of subjects) byComplaint.set(s.complaint_id, [...(byComplaint.get(s.complaint_id) ?? []), s.subject]);
  return rows.map((r) => ({
    id: r.id,
    reference: r.reference,
    status: r.status,
    receivedOn: r.received_on,
    acknowledgedOn: r.acknowledged_on,
    responseDue: r.response_due,
    responseSentOn: r.response_sent_on,
    outcome: r.outcome,
    subjects: byComplaint.get(r.id) ?? [],
  }));
}

export interface Dashboard {
  organisation: { id: number; name: string };
  today: string;
  figures: ComplaintFigures;
  chosen: QuarterFigures;
  quarterOptions: Quarter[];
  charts: { received: BarChart; outcomes: BarChart; subjects: BarChart };
  subjectRows: Array<{ label: string; count: number }>;
}

export async function complaintsDashboard(deps: ComplaintsDeps, actor: Actor, organisationId: number, quarterKey: string): Promise<Dashboard> {
  const organisation = await reportableOrganisation(deps.db, actor, organisationId);
  const today = ukDate(nowOf(deps));
  const [complaints, holidays] = await Promise.all([loadFigureData(deps.db, organisation.id), extraHolidaysOf(deps.db, organisation.id)]);
  const quarters = recentQuarters(today, 4);
  const figures = complaintFigures(complaints, { today, quarters, extraHolidays: holidays });
  const chosenQuarter = parseQuarterKey(quarterKey) ?? quarterOf(today);
  const chosen = figures.quarters.find((q) => q.quarter.key === chosenQuarter.key) ?? quarterFigures(complaints, chosenQuarter, today, holidays);
  // Quarters to choose from: back to the earliest complaint (at least the last four).
  const earliest = [today, ...complaints.map((c) => c.receivedOn)].sort()[0] as string;
  const quarterOptions = recentQuarters(today, Math.max(4, quartersBetween(earliest, today))).reverse();
  const subjectRows = complaintSubjects.map((s) => ({ label: subjectLabels[s], count: chosen.subjects[s] })).filter((r) => r.count > 0);
  const period = `${chosen.quarter.name} (${chosen.quarter.months})`;
  return {
    organisation,
    today,
    figures,
    chosen,
    quarterOptions,
    subjectRows,
    charts: {
      received: barChart(
        'chart-received',
        'Complaints received in each of the last four quarters',
        figures.quarters.map((q) => ({ label: `${q.quarter.name} (${q.quarter.months})`, value: q.received })),
      ),
      outcomes: barChart(
        'chart-outcomes',
        `Outcomes of final responses sent in ${period}`,
        complaintOutcomes.map((o) => ({ label: outcomeLabels[o], value: chosen.outcomes[o] })),
      ),
      subjects: barChart(
        'chart-subjects',
        `Subjects of complaints received in ${period}`,
        subjectRows.map((r) => ({ label: r.label, value: r.count })),
      ),
    },
  };
}

function quartersBetween(from: string, to: string): number {
  const index = (q: Quarter) => {
    const [fy, n] = q.key.split('-q').map(Number) as [number, number];
    return fy * 4 + n;
  };
  return index(quarterOf(to)) - index(quarterOf(from)) + 1;
}

/** The quarter's counts by subject and outcome as CSV, for the national return (KO41a). Audited. */
export async function quarterlyCsv(
  deps: ComplaintsDeps,
  actor: Actor,
  organisationId: number,
  quarterKey: string,
): Promise<{ filename: string; csv: string } | null> {
  const organisation = await reportableOrganisation(deps.db, actor, organisationId);
  const quarter = parseQuarterKey(quarterKey);
  if (!quarter) return null;
  const today = ukDate(nowOf(deps));
  const [complaints, holidays] = await Promise.all([loadFigureData(deps.db, organisation.id), extraHolidaysOf(deps.db, organisation.id)]);
  const figures = quarterFigures(complaints, quarter, today, holidays);
  await recordAudit(deps.db, actor, {
    action: 'complaint.export_quarter',
    subjectType: 'organisation',
    subjectId: organisation.id,
    detail: { quarter: quarter.key },
  });
  return { filename: `complaints-${organisation.id}-${quarter.key}.csv`, csv: toCsv([csvHeader, ...ko41aRows(organisation.name, figures)]) };
}
