// The count sheet as a plain-text table (for a candidate's agent to check stage by stage) and as
// CSV (one row per candidate per stage, for a spreadsheet). The JSON form is the StvResult itself.

import type { BallotNoteKind } from './ballots.js';
import type { StvResult, StvStage } from './result.js';

const noteWords: Record<BallotNoteKind, string> = {
  'skipped-preference': 'a skipped preference (counted up to the gap)',
  'equal-preference': 'a preference given to several candidates (counted up to it)',
  'void-equal-first': 'a first preference given to several candidates (void)',
  'repeated-candidate': 'a candidate given two preferences (the later ignored)',
  'no-valid-preference': 'no preference for a candidate who is standing (void)',
};

function lostLabel(result: StvResult): string {
  return result.rule === 'scottish' ? 'Lost to truncation' : 'Lost to rounding';
}

/** Shortens a decimal string to `digits` places, rounding half up (for the text table only). */
function shorten(value: string, digits: number): string {
  const dot = value.indexOf('.');
  if (dot < 0 || value.length - dot - 1 <= digits) return value;
  const negative = value.startsWith('-');
  const unsigned = negative ? value.slice(1) : value;
  const [whole = '0', fraction = ''] = unsigned.split('.');
  const scaled = BigInt(whole + fraction.slice(0, digits));
  const roundUp = (fraction[digits] ?? '0') >= '5';
  const v = (scaled + (roundUp ? 1n : 0n)).toString().padStart(digits + 1, '0');
  const body = digits > 0 ? `${v.slice(0, v.length - digits)}.${v.slice(v.length - digits)}` : v;
  return negative && /[1-9]/.test(body) ? `-${body}` : body;
}

function lotLine(result: StvResult): string {
  const source =
    result.lot.method === 'seeded'
      ? `drawn from the SplitMix64 generator with seed ${result.lot.seed}`
      : 'by candidate order (the candidate first on the ballot paper; droop without a [tie] line)';
  const drawn = result.lotsDrawn.length === 0 ? 'no lot was needed' : `${result.lotsDrawn.length} drawn`;
  return `Lots: ${source}; ${drawn}.`;
}

/** The count sheet as a plain-text table. Meek figures are shown to `meekDigits` places (the JSON and CSV have 18). */
export function countSheetText(result: StvResult, options: { meekDigits?: number } = {}): string {
  const digits = result.rule === 'meek' ? (options.meekDigits ?? 9) : result.decimals;
  const show = (v: string) => shorten(v, digits);
  const out: string[] = [];
  const ruleName = result.rule === 'scottish' ? 'Scottish STV' : 'Meek STV';
  out.push(`${ruleName}${result.title ? ` — ${result.title}` : ''}`);
  out.push(`Rule: ${result.method}`);
  out.push(
    `Seats: ${result.seats}   Valid ballot papers: ${result.validBallots}   Invalid: ${result.invalidBallots}   Quota: ${result.rule === 'scottish' ? result.quota : `${show(result.quota)} at the first stage`}`,
  );
  out.push(lotLine(result));
  const kinds = Object.entries(result.ballotNotes.summary) as [BallotNoteKind, { lines: number; papers: number }][];
  for (const [kind, { lines, papers }] of kinds) {
    out.push(`Ballots with ${noteWords[kind]}: ${papers} paper${papers === 1 ? '' : 's'} on ${lines} line${lines === 1 ? '' : 's'}.`);
  }
  if (result.rule === 'meek') {
    out.push(`Figures to ${digits} decimal places (the JSON and CSV give droop's 18). Each round shows the votes and keep factors of its`);
    out.push('last iteration, on which its decision rests; the state is the one after the decision.');
  }

  const nameWidth = Math.max(18, lostLabel(result).length, ...result.candidates.map((c) => c.name.length)) + 2;
  const width = Math.max(12, ...result.stages.flatMap((s) => s.rows.map((r) => show(r.votes).length)), show(String(result.validBallots)).length) + 2;
  for (const stage of result.stages) out.push('', ...stageBlock(result, stage, show, nameWidth, width));

  out.push('');
  out.push('Elected, in order:');
  result.elected.forEach((name, i) => {
    out.push(`  ${i + 1}. ${name} (stage ${result.electedAtStage[i]})`);
  });
  const notElected = result.candidates.filter((c) => !c.withdrawn && !result.electedIds.includes(c.id));
  if (notElected.length > 0) out.push(`Not elected: ${notElected.map((c) => c.name).join(', ')}`);
  return `${out.join('\n')}\n`;
}

function stageBlock(result: StvResult, stage: StvStage, show: (v: string) => string, nameWidth: number, width: number): string[] {
  const out: string[] = [];
  let title = `Stage ${stage.stage}: ${stage.description}`;
  if (stage.transferValue) title += `; transfer value ${stage.transferValue}`;
  out.push(title);
  if (stage.meek) {
    out.push(
      `  quota ${show(stage.quota)}; total surplus ${show(stage.meek.surplus)}; ${stage.meek.iterations} iteration${stage.meek.iterations === 1 ? '' : 's'}, stopped: ${stage.meek.stoppedBecause}`,
    );
  }
  const meek = result.rule === 'meek';
  const header = `  ${'Candidate'.padEnd(nameWidth)}${'Transfer'.padStart(width)}${'Votes'.padStart(width)}  ${meek ? `${'Keep factor'.padEnd(width)}  ` : ''}State`;
  out.push(header);
  const first = stage.action === 'first-preferences';
  for (const row of stage.rows) {
    const withdrawn = row.state === 'withdrawn';
    const change = first || withdrawn ? '' : show(row.change);
    const votes = withdrawn ? '' : show(row.votes);
    const keep = meek ? `${(withdrawn ? '' : show(row.keepFactor ?? '')).padEnd(width)}  ` : '';
    out.push(`  ${row.name.padEnd(nameWidth)}${change.padStart(width)}${votes.padStart(width)}  ${keep}${row.state}`);
  }
  out.push(
    `  ${'Non-transferable'.padEnd(nameWidth)}${(first ? '' : show(stage.nonTransferable.change)).padStart(width)}${show(stage.nonTransferable.total).padStart(width)}`,
  );
  out.push(`  ${lostLabel(result).padEnd(nameWidth)}${(first ? '' : show(stage.lost.change)).padStart(width)}${show(stage.lost.total).padStart(width)}`);
  out.push(`  ${'Total'.padEnd(nameWidth)}${''.padStart(width)}${show(stage.total).padStart(width)}`);
  for (const tie of stage.ties) out.push(`  Tie (${tie.purpose}): ${tie.tied.join(', ')} → ${tie.chosen}, decided by ${tie.decidedBy}`);
  for (const e of stage.elected) out.push(`  Elected: ${e.name} — ${e.reason}`);
  for (const e of stage.excluded) out.push(`  Excluded: ${e.name} — ${e.reason}`);
  return out;
}

function csvField(value: string | number): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The count sheet as CSV: one row per candidate per stage, then the non-transferable, lost and total rows. */
export function countSheetCsv(result: StvResult): string {
  const rows: (string | number)[][] = [
    ['stage', 'action', 'description', 'quota', 'candidate_id', 'candidate', 'transfer', 'votes', 'state', 'keep_factor', 'event', 'reason'],
  ];
  for (const stage of result.stages) {
    const description = stage.transferValue ? `${stage.description}; transfer value ${stage.transferValue}` : stage.description;
    const base = [stage.stage, stage.action, description, stage.quota];
    for (const row of stage.rows) {
      const elected = stage.elected.find((e) => e.id === row.id);
      const excluded = stage.excluded.find((e) => e.id === row.id);
      const event = elected ? 'elected' : excluded ? 'excluded' : '';
      const reason = elected?.reason ?? excluded?.reason ?? '';
      rows.push([...base, row.id, row.name, row.change, row.votes, row.state, row.keepFactor ?? '', event, reason]);
    }
    rows.push([...base, '', 'Non-transferable', stage.nonTransferable.change, stage.nonTransferable.total, '', '', '', '']);
    rows.push([...base, '', lostLabel(result), stage.lost.change, stage.lost.total, '', '', '', '']);
    rows.push([...base, '', 'Total', '', stage.total, '', '', '', '']);
  }
  return `${rows.map((r) => r.map(csvField).join(',')).join('\r\n')}\r\n`;
}
