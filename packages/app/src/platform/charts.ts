// Server-drawn horizontal bar charts (for any module): the geometry of an SVG the page template draws, so charts
// need no JavaScript. Each chart is an image with a title and description for screen readers, and
// the page shows the same figures in a table beside it.

export interface Bar {
  label: string;
  value: number;
}

export interface BarChart {
  id: string;
  title: string;
  description: string;
  width: number;
  height: number;
  rows: Array<{ label: string; value: number; labelY: number; barY: number; barWidth: number; barHeight: number; valueX: number; valueY: number }>;
}

const width = 460;
const rowHeight = 44;
const barHeight = 16;
const valueSpace = 48;

/** Bars one under another, each with its label above it and its value at its end. */
export function barChart(id: string, title: string, bars: readonly Bar[], describe: (bars: readonly Bar[]) => string = describeBars): BarChart {
  const max = Math.max(1, ...bars.map((b) => b.value));
  const scale = (width - valueSpace) / max;
  const rows = bars.map((bar, i) => {
    const top = i * rowHeight;
    const barWidth = bar.value > 0 ? Math.max(2, Math.round(bar.value * scale)) : 0;
    return {
      label: bar.label,
      value: bar.value,
      labelY: top + 14,
      barY: top + 20,
      barWidth,
      barHeight,
      valueX: barWidth + 6,
      valueY: top + 20 + barHeight - 3,
    };
  });
  return { id, title, description: describe(bars), width, height: Math.max(rowHeight, bars.length * rowHeight), rows };
}

/** "Upheld: 2. Partly upheld: 1." – what the chart shows, in words. */
export function describeBars(bars: readonly Bar[]): string {
  if (!bars.length) return 'No figures to show.';
  return bars.map((b) => `${b.label}: ${b.value}.`).join(' ');
}
