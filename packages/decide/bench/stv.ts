// Benchmark: count every ward of the 2012 Scottish council elections (../shared/data/stv/scotland2012,
// 353 wards) under Scottish STV and Meek STV, and print the total time. Aim: under 10 s together.
// Usage: npm run bench:stv [-- N]   (median of N runs; default 3; "--runs N" works when run directly)
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { progressBar } from '../src/cli/progress.js';
import { prepareBallots } from '../src/stv/ballots.js';
import { parseBlt } from '../src/stv/blt.js';
import { countMeek } from '../src/stv/meek.js';
import { countScottish } from '../src/stv/scottish.js';
import { sharedData } from '../test/sharedData.js';

const { values, positionals } = parseArgs({ options: { runs: { type: 'string' } }, allowPositionals: true });
const runs = Math.max(1, Number(values.runs ?? positionals[0] ?? 3) || 3);
const dir = sharedData('stv');
if (!dir) process.exit(1);
const folder = path.join(dir, 'scotland2012');
const files = fs
  .readdirSync(folder)
  .filter((f) => f.endsWith('.blt'))
  .sort();
const texts = files.map((f) => fs.readFileSync(path.join(folder, f), 'utf8'));
const lot = { method: 'candidate-order' } as const;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

const timings = { read: [] as number[], scottish: [] as number[], meek: [] as number[], total: [] as number[] };
let ballotLines = 0;
let papers = 0;
let meekRounds = 0;
let meekIterations = 0;
for (let r = 0; r < runs; r++) {
  const bar = progressBar();
  let read = 0;
  let scottish = 0;
  let meek = 0;
  ballotLines = 0;
  papers = 0;
  meekRounds = 0;
  meekIterations = 0;
  texts.forEach((text, i) => {
    let t = performance.now();
    const election = parseBlt(text);
    const prepared = prepareBallots(election);
    read += performance.now() - t;
    ballotLines += election.ballots.length;
    papers += prepared.valid;
    t = performance.now();
    countScottish(election, { lot }, prepared);
    scottish += performance.now() - t;
    t = performance.now();
    const result = countMeek(election, { lot }, prepared);
    meek += performance.now() - t;
    for (const stage of result.stages) {
      if (stage.meek) {
        meekRounds++;
        meekIterations += stage.meek.iterations;
      }
    }
    bar.update(i + 1, texts.length, `run ${r + 1}/${runs}`);
  });
  bar.finish();
  timings.read.push(read);
  timings.scottish.push(scottish);
  timings.meek.push(meek);
  timings.total.push(read + scottish + meek);
}

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
console.log(`STV benchmark: ${files.length} wards of 2012 (${ballotLines} ballot lines, ${papers} valid papers); ${runs} run${runs === 1 ? '' : 's'}, medians`);
console.log(`  read (parse BLT + prepare ballots): ${s(median(timings.read))}`);
console.log(`  Scottish STV count:                 ${s(median(timings.scottish))}`);
console.log(`  Meek STV count:                     ${s(median(timings.meek))}  (${meekRounds} rounds, ${meekIterations} iterations)`);
console.log(`  total, all wards under both rules:  ${s(median(timings.total))}  (runs: ${timings.total.map(s).join(', ')}; aim < 10 s)`);
