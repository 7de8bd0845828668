// A consultation's figures as the pages show them: a server-drawn chart beside a table for each
// question, counts already suppressed (analysis.ts), shares as percentages.
import { barChart } from '../../../platform/charts.js';
import type { ConsultationFigures } from '../service.js';

const percent = (share: number | null) => (share === null ? 'Not enough answers' : `${Math.round(share * 100)}%`);
const count = (value: number | null) => (value === null ? 'Fewer than 10' : value.toLocaleString('en-GB'));

export function figuresView(figures: ConsultationFigures) {
  return {
    answered: figures.answered,
    byChannel: figures.byChannel,
    questions: figures.questions.map(({ question, figures: f }) => {
      const shown = f.row?.cells.filter((c) => c.count !== null) ?? [];
      const chart =
        f.row && f.row.total !== null && shown.length
          ? barChart(
              `chart-q${question.id}`,
              `Answers to question ${question.position}`,
              shown.map((c) => ({ label: c.label, value: c.count ?? 0 })),
            )
          : null;
      return {
        question,
        answered: f.answered,
        tooFew: f.answered < 10,
        chart,
        rows: (f.row?.cells ?? []).map((c) => ({ label: c.label, count: count(c.count), share: percent(c.share) })),
        scores: f.scores?.map((s) => ({ label: s.label, value: s.value === null ? 'Not enough answers' : String(s.value) })) ?? null,
      };
    }),
    representation: figures.representation.map(({ question, rows }) => ({
      question,
      rows: rows.map((r) => ({
        label: r.label,
        answers: count(r.answers),
        answerShare: percent(r.answerShare),
        populationShare: r.populationShare === null ? 'No figure' : `${Math.round(r.populationShare * 100)}%`,
      })),
    })),
  };
}
