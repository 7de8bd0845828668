// A small progress bar on stderr for long counts: drawn in place on a terminal, as occasional
// lines otherwise (CI logs), and silent when asked. No dependency, to keep decide light.
export interface Progress {
  update(done: number, total: number, label?: string): void;
  finish(): void;
}

export function progressBar(options: { enabled?: boolean; stream?: NodeJS.WriteStream } = {}): Progress {
  const stream = options.stream ?? process.stderr;
  const enabled = options.enabled ?? true;
  const tty = Boolean(stream.isTTY);
  let lastPercent = -1;
  let lastDraw = 0;
  return {
    update(done, total, label = '') {
      if (!enabled || total <= 0) return;
      const fraction = Math.min(1, done / total);
      const percent = Math.floor(fraction * 100);
      if (tty) {
        const now = Date.now();
        if (now - lastDraw < 100 && done < total) return;
        lastDraw = now;
        const width = 30;
        const filled = Math.round(fraction * width);
        stream.write(`\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(percent).padStart(3)}% ${label}`.padEnd(70));
      } else if (percent >= lastPercent + 10 || (done === total && percent !== lastPercent)) {
        lastPercent = percent;
        stream.write(`${percent}% ${label}\n`);
      }
    },
    finish() {
      if (enabled && tty) stream.write('\n');
    },
  };
}
