// The wellbeing chart's geometry: dates spaced by time across the plot, 10 at the top and 0 at the
// bottom, each measure its own line, and the chart told in words.
import { describe, expect, it } from 'vitest';
import { wellbeingChart } from './charts.js';

const scores = [
  { takenOn: '2026-01-05', lifeSatisfaction: 3, worthwhile: 4, happiness: 5, anxiety: 8 },
  { takenOn: '2026-01-15', lifeSatisfaction: 5, worthwhile: 5, happiness: 6, anxiety: 6 },
  { takenOn: '2026-02-04', lifeSatisfaction: 7, worthwhile: 6, happiness: 6, anxiety: 4 },
];

describe('the wellbeing chart', () => {
  it('places dates by time and scores from 0 at the bottom to 10 at the top', () => {
    const chart = wellbeingChart(scores);
    if (!chart) throw new Error('no chart');
    const { plot } = chart;
    expect(chart.lines.map((l) => l.key)).toEqual(['lifeSatisfaction', 'worthwhile', 'happiness', 'anxiety']);
    const life = chart.lines[0];
    expect(life?.points.map((p) => p.x)).toEqual([plot.left, 164, plot.right]); // 10 of 30 days: a third of the way (rounded to 0.1)
    expect(chart.yTicks[0]).toEqual({ value: 0, y: plot.bottom });
    expect(chart.yTicks[5]).toEqual({ value: 10, y: plot.top });
    expect(life?.points[2]?.y).toBeCloseTo(plot.top + 0.3 * (plot.bottom - plot.top), 1);
    expect(life?.path.startsWith(`M ${plot.left} `)).toBe(true);
    expect(life?.path.match(/L /g)).toHaveLength(2);
    expect(new Set(chart.lines.map((l) => l.dash)).size).toBe(4);
    expect(chart.xLabels.map((l) => l.text)).toEqual(['5 Jan 2026', '15 Jan 2026', '4 Feb 2026']);
  });

  it('says in words what it shows, for screen readers', () => {
    const chart = wellbeingChart(scores);
    expect(chart?.title).toBe('Wellbeing scores over time');
    expect(chart?.description).toBe(
      'ONS4 scores from 0 to 10, 3 times from 5 Jan 2026 to 4 Feb 2026. Life satisfaction (higher is better) went from 3 to 7. ' +
        'Worthwhile (higher is better) went from 4 to 6. Happiness (higher is better) went from 5 to 6. Anxiety (lower is better) went from 8 to 4.',
    );
  });

  it('centres a single set of scores, and draws nothing without scores', () => {
    const one = wellbeingChart([scores[0] as (typeof scores)[number]]);
    expect(one?.lines[0]?.points[0]?.x).toBe(((one?.plot.left ?? 0) + (one?.plot.right ?? 0)) / 2);
    expect(one?.description).toContain('on 5 Jan 2026: Life satisfaction 3 (higher is better)');
    expect(wellbeingChart([])).toBeNull();
  });
});
