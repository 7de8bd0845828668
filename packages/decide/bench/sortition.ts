// npm run bench:sortition — LEXIMIN on each shared reference pool: wall time (median of RUNS runs,
// default 3), the minimum probability against its target, and where the time went. The machine's
// load is printed too: on a shared 2-core machine the figures move with it.
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findDistribution, readInstance } from '../src/sortition/index.js';
import { sharedData } from '../test/sharedData.js';

const root = sharedData('sortition');
if (!root) process.exit(0);

const runs = Number(process.env.RUNS ?? 3);
const instances: Array<{ name: string; files: [string, string] }> = [
  { name: 'example_small_20', files: ['categories.csv', 'respondents.csv'] },
  { name: 'sortition_algorithms_fixture_22', files: ['features.csv', 'candidates.csv'] },
  { name: 'geneva_30', files: ['categories.csv', 'respondents.csv'] },
];

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] as number;
};

console.log(
  `LEXIMIN on the shared pools, ${runs} run(s) each; load average ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')} on ${os.cpus().length} cores`,
);
console.log(
  'instance                          n    k   median s   (runs)                 min prob    target      panels  stages  searches  search s  LP s  IPM s',
);
for (const { name, files } of instances) {
  const dir = path.join(root, name);
  const expected = JSON.parse(readFileSync(path.join(dir, 'expected.json'), 'utf8')) as { k: number; check: { expected: number } };
  const instance = await readInstance({ categoriesFile: path.join(dir, files[0]), respondentsFile: path.join(dir, files[1]), panelSize: expected.k });
  const times: number[] = [];
  let last: Awaited<ReturnType<typeof findDistribution>> | undefined;
  for (let r = 0; r < runs; r++) {
    const started = performance.now();
    last = await findDistribution(instance, 'leximin');
    times.push((performance.now() - started) / 1000);
  }
  if (!last) continue;
  const b = last.stats.breakdown;
  console.log(
    [
      name.padEnd(32),
      String(instance.people.length).padStart(4),
      String(expected.k).padStart(4),
      median(times).toFixed(1).padStart(9),
      `  (${times.map((t) => t.toFixed(1)).join(', ')})`.padEnd(24),
      last.minProbability.toFixed(7).padStart(10),
      expected.check.expected.toFixed(7).padStart(11),
      String(last.stats.panels).padStart(9),
      String(last.stats.stages).padStart(7),
      String(last.stats.pricingCalls).padStart(9),
      b.pricing.toFixed(1).padStart(9),
      b.lp.toFixed(1).padStart(5),
      b.interior.toFixed(1).padStart(6),
    ].join(' '),
  );
}
console.log(
  `load average after: ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
