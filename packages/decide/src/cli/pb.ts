// decide pb FILE.pb --rule RULE [--json] [--explain]: count a participatory budget in the pabulib
// format and print the selected projects (and, with --explain, why), as text or as one JSON object.
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { approvalProfile } from '../pb/election.js';
import { explanationText } from '../pb/explain.js';
import { formatRational, type PbElection, PbFormatError, readPb } from '../pb/index.js';
import { countProfile, isPbRule, outcomeOf, pbRules, pbRuleTitles } from '../pb/rules.js';
import { messageOf, parsedOrExitCode } from './arguments.js';
import { progressBar } from './progress.js';

const usage = `Usage: decide pb FILE.pb --rule RULE [--json] [--explain]

Counts a participatory budget given as a pabulib .pb file (pabulib.org/format).

Rules:
${pbRules.map((r) => `  ${r.padEnd(20)}${pbRuleTitles[r]}`).join('\n')}

Options:
  --rule RULE   the counting rule (required)
  --json        print one JSON object: {"rule", "selected", "order", "cost", "budget"[, "explanation"]}
  --explain     explain each step (as text, or as "explanation" in the JSON)
  --quiet       no progress bar on stderr
  -h, --help    show this help`;

const options = {
  rule: { type: 'string' },
  json: { type: 'boolean', default: false },
  explain: { type: 'boolean', default: false },
  quiet: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

/** Shows the bar only once a count has run for a while, so short counts print nothing on stderr. */
const PROGRESS_AFTER_MS = 400;

export async function run(args: string[]): Promise<number> {
  const parsed = parsedOrExitCode(() => parseArgs({ args, allowPositionals: true, options }), usage);
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  if (positionals.length !== 1) {
    console.error(`${positionals.length ? 'Give one .pb file.' : 'Missing the .pb file to count.'}\n\n${usage}`);
    return 2;
  }
  const rule = values.rule;
  if (!rule) {
    console.error(`Missing --rule (one of ${pbRules.join(', ')}).`);
    return 2;
  }
  if (!isPbRule(rule)) {
    console.error(`Unknown rule "${rule}": use one of ${pbRules.join(', ')}.`);
    return 2;
  }
  const file = positionals[0] as string;
  let election: PbElection;
  try {
    election = readPb(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    if (error instanceof PbFormatError) {
      console.error(`${file}: ${error.message}`);
      return 1;
    }
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') console.error(`${file}: no such file.`);
    else if (code === 'EISDIR') console.error(`${file}: is a folder, not a .pb file.`);
    else console.error(`${file}: ${messageOf(error)}`);
    return 1;
  }

  const started = Date.now();
  const bar = progressBar({ enabled: !values.quiet });
  let shown = false;
  const profile = approvalProfile(election);
  const result = countProfile(profile, rule, {
    explain: values.explain,
    onProgress: (done, total, label) => {
      if (Date.now() - started < PROGRESS_AFTER_MS) return;
      shown = true;
      bar.update(done, total, label);
    },
  });
  if (shown) bar.finish();
  const outcome = outcomeOf(profile, rule, result);

  if (values.json) {
    console.log(JSON.stringify(outcome, null, 2));
    return 0;
  }
  const names = new Map(election.projects.map((p) => [p.id, p.fields.name]));
  if (values.explain) {
    console.log(explanationText(outcome, (id) => names.get(id)));
    return 0;
  }
  const costs = new Map(election.projects.map((p) => [p.id, p]));
  console.log(`Rule: ${rule} (${pbRuleTitles[rule]})`);
  console.log(`Selected ${outcome.selected.length} of ${election.projects.length} projects, costing ${outcome.cost} of a budget of ${outcome.budget}:`);
  for (const id of outcome.selected) {
    const name = names.get(id);
    const cost = costs.get(id)?.cost;
    console.log(`  ${id}${name ? `  ${name}` : ''}${cost ? `  (cost ${formatRational(cost)})` : ''}`);
  }
  return 0;
}
