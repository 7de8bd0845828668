// The "stv" subcommand: count a BLT ballot file under Scottish STV or Meek STV and print the count
// sheet (plain text, JSON or CSV). Lots come from a seeded generator; without --seed a fresh seed is
// chosen and printed, so that the count can be repeated to the letter.
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { BltSyntaxError, countSheetCsv, countSheetText, countStv, freshSeed, type LotSource, parseBlt } from '../stv/index.js';
import { messageOf, parsedOrExitCode } from './arguments.js';

const usage = `Usage: decide stv FILE.blt --rule scottish|meek [--json | --csv] [--seed N]

Counts a single transferable vote election from a BLT ballot file and prints the count sheet.

  --rule scottish   Scottish STV: the Scottish Local Government Elections Order 2007, rules 45-52
  --rule meek       Meek STV, as counted by droop 0.14 (guarded fixed point, omega 10^-9)
  --json            the result and every stage as JSON: {"rule", "seats", "quota", "elected", "stages", ...}
  --csv             the count sheet as CSV, one row per candidate per stage
  --seed N          seed for drawing lots (a whole number); without it a fresh seed is chosen and printed
  --lot candidate-order
                    break ties "by lot" as droop does without a [tie] line: the candidate first on the
                    ballot paper (only to reproduce droop's counts)
  --help            this text`;

const options = {
  rule: { type: 'string' },
  json: { type: 'boolean' },
  csv: { type: 'boolean' },
  seed: { type: 'string' },
  lot: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export async function run(args: string[]): Promise<number> {
  const parsed = parsedOrExitCode(() => parseArgs({ args, allowPositionals: true, options }), usage);
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  const problems: string[] = [];
  if (positionals.length !== 1) problems.push(positionals.length === 0 ? 'Give the BLT file to count.' : `Give one BLT file, not ${positionals.length}.`);
  const rule = values.rule;
  if (rule !== 'scottish' && rule !== 'meek')
    problems.push(rule === undefined ? 'Choose the rule: --rule scottish or --rule meek.' : `Unknown rule "${rule}": use scottish or meek.`);
  if (values.json && values.csv) problems.push('Choose one of --json and --csv.');
  let lot: LotSource;
  if (values.lot !== undefined && values.lot !== 'candidate-order' && values.lot !== 'seeded')
    problems.push(`Unknown --lot "${values.lot}": use candidate-order.`);
  if (values.lot === 'candidate-order') {
    if (values.seed !== undefined) problems.push('--seed and --lot candidate-order do not go together: candidate order draws no random lots.');
    lot = { method: 'candidate-order' };
  } else if (values.seed !== undefined) {
    const seed = Number(values.seed);
    if (!/^\d+$/.test(values.seed) || !Number.isSafeInteger(seed))
      problems.push(`The seed must be a whole number from 0 to ${Number.MAX_SAFE_INTEGER}, not "${values.seed}".`);
    lot = { method: 'seeded', seed };
  } else {
    lot = { method: 'seeded', seed: freshSeed() };
  }
  if (problems.length > 0) {
    console.error(`${problems.join('\n')}\n\n${usage}`);
    return 2;
  }
  const file = positionals[0] as string;
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    console.error(`Cannot read ${file}: ${messageOf(error)}`);
    return 1;
  }
  try {
    const election = parseBlt(text);
    const result = countStv(election, { rule: rule as 'scottish' | 'meek', lot });
    if (values.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    else if (values.csv) process.stdout.write(countSheetCsv(result));
    else process.stdout.write(countSheetText(result));
    return 0;
  } catch (error) {
    if (error instanceof BltSyntaxError) {
      console.error(`${file}: ${error.message}`);
      return 1;
    }
    console.error(`${file}: ${messageOf(error)}`);
    return 1;
  }
}
