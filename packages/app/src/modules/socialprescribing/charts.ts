// A small line chart of a person's ONS4 scores over time, as plain geometry for the page's SVG (no
// JavaScript): the four measures on a 0–10 scale, each its own colour and dash pattern (so the lines
// differ without colour), with a title and a description in words for screen readers. The page
// shows the same scores in a table beside it.
import { type Ons4, ons4Measures } from './wellbeing.js';

export interface WellbeingChartLine {
  key: keyof Ons4;
  label: string;
  higherIsBetter: boolean;
  colour: string;
  /** SVG stroke-dasharray ('' for a solid line). */
  dash: string;
  /** The SVG path through the points ('M x y L x y …'). */
  path: string;
  points: Array<{ x: number; y: number; value: number; takenOn: string }>;
}

export interface WellbeingChart {
  title: string;
  description: string;
  width: number;
  height: number;
  plot: { left: number; top: number; right: number; bottom: number };
  yTicks: Array<{ value: number; y: number }>;
  xLabels: Array<{ text: string; x: number; takenOn: string }>;
  lines: WellbeingChartLine[];
}

const width = 460;
const height = 240;
// Room on the right for the last date, centred on its point.
const plot = { left: 36, top: 12, right: width - 40, bottom: height - 36 };
const styles: Record<keyof Ons4, { colour: string; dash: string }> = {
  lifeSatisfaction: { colour: '#005eb8', dash: '' },
  worthwhile: { colour: '#007f3b', dash: '8 4' },
  happiness: { colour: '#330072', dash: '2 3' },
  anxiety: { colour: '#d5281b', dash: '10 3 2 3' },
};

const dayFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const dateText = (takenOn: string) => dayFormat.format(new Date(`${takenOn}T00:00:00Z`));
const dayNumber = (takenOn: string) => Date.parse(`${takenOn}T00:00:00Z`) / 86_400_000;

/** The chart of these scores (oldest first), or null when there are none. Dates are spaced by time. */
export function wellbeingChart(scores: ReadonlyArray<Ons4 & { takenOn: string }>): WellbeingChart | null {
  if (!scores.length) return null;
  const ordered = [...scores].sort((a, b) => a.takenOn.localeCompare(b.takenOn));
  const first = dayNumber((ordered[0] as { takenOn: string }).takenOn);
  const span = dayNumber((ordered[ordered.length - 1] as { takenOn: string }).takenOn) - first;
  const xOf = (takenOn: string) =>
    span === 0 ? (plot.left + plot.right) / 2 : Math.round((plot.left + ((dayNumber(takenOn) - first) / span) * (plot.right - plot.left)) * 10) / 10;
  const yOf = (value: number) => Math.round((plot.top + ((10 - value) / 10) * (plot.bottom - plot.top)) * 10) / 10;
  const lines = ons4Measures.map(({ key, label, higherIsBetter }) => {
    const points = ordered.map((s) => ({ x: xOf(s.takenOn), y: yOf(s[key]), value: s[key], takenOn: s.takenOn }));
    return { key, label, higherIsBetter, ...styles[key], path: points.map((p, i) => `${i ? 'L' : 'M'} ${p.x} ${p.y}`).join(' '), points };
  });
  const days = [...new Set(ordered.map((s) => s.takenOn))];
  return {
    title: 'Wellbeing scores over time',
    description: describeScores(ordered),
    width,
    height,
    plot,
    yTicks: [0, 2, 4, 6, 8, 10].map((value) => ({ value, y: yOf(value) })),
    xLabels: days.map((takenOn) => ({ text: dateText(takenOn), x: xOf(takenOn), takenOn })),
    lines,
  };
}

/** What the chart shows, in words: each measure from the first scores to the last. */
export function describeScores(ordered: ReadonlyArray<Ons4 & { takenOn: string }>): string {
  const first = ordered[0] as Ons4 & { takenOn: string };
  const last = ordered[ordered.length - 1] as Ons4 & { takenOn: string };
  const better = (higher: boolean) => (higher ? 'higher is better' : 'lower is better');
  if (ordered.length === 1) {
    return `ONS4 scores from 0 to 10 on ${dateText(first.takenOn)}: ${ons4Measures.map((m) => `${m.label} ${first[m.key]} (${better(m.higherIsBetter)})`).join(', ')}.`;
  }
  const changes = ons4Measures.map((m) => `${m.label} (${better(m.higherIsBetter)}) went from ${first[m.key]} to ${last[m.key]}.`);
  return `ONS4 scores from 0 to 10, ${ordered.length} times from ${dateText(first.takenOn)} to ${dateText(last.takenOn)}. ${changes.join(' ')}`;
}
