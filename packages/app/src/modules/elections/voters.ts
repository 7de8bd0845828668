// The electorate: imported from the organisation's CSV file (every bad line named, nothing imported
// until the file is clean), and each voter's single-use voting code, made and sent once — by email
// through the outbox to voters with an email address, and on a printed letter (shown to staff once,
// as the answer to issuing them) to those with only a postal address. Only the codes' hashes are kept.
import { sql } from 'kysely';
import { recordAudit } from '../../platform/audit.js';
import { type Db, inTransaction } from '../../platform/database.js';
import { ValidationError } from '../../platform/errors.js';
import { enqueueMail } from '../../platform/mail.js';
import { codeHash, groupedCode, votingCode } from './codes.js';
import { type ElectorateProblem, readElectorate } from './electorate.js';
import { type Actor, assertCan } from './policy.js';
import { assertPhase, constituenciesOf, type ElectionRow, type ElectionsDeps, electionRow } from './records.js';

/** Add the voters of a CSV file to the electorate: all of them when every line is good, none otherwise (the problems by line). */
export async function importElectorate(
  deps: ElectionsDeps,
  actor: Actor,
  electionId: number,
  csvText: string,
): Promise<{ imported: number; problems: ElectorateProblem[] }> {
  const election = await electionRow(deps.db, actor, electionId);
  assertCan(actor, 'election.manage', { organisationId: election.organisation_id });
  assertPhase(election, ['draft', 'nominations', 'checking', 'statements'], 'change the electorate');
  if (!csvText.trim()) throw new ValidationError({ file: 'Choose the electorate file (CSV) to upload' });
  const [constituencies, listed] = await Promise.all([
    constituenciesOf(deps.db, electionId),
    deps.db.selectFrom('election_voter').select('member_number').where('election_id', '=', electionId).execute(),
  ]);
  const { voters, problems } = readElectorate(csvText, constituencies, new Set(listed.map((v) => v.member_number.toLowerCase())));
  if (problems.length) return { imported: 0, problems };
  await inTransaction(deps.db, async (trx) => {
    for (let start = 0; start < voters.length; start += 2000)
      await trx
        .insertInto('election_voter')
        .values(
          voters.slice(start, start + 2000).map((v) => ({
            election_id: electionId,
            constituency_id: v.constituencyId,
            member_number: v.memberNumber,
            name: v.name,
            email: v.email,
            postal_address: v.postalAddress,
          })),
        )
        .execute();
    await recordAudit(trx, actor, {
      action: 'election.import_electorate',
      subjectType: 'election',
      subjectId: electionId,
      detail: { imported: voters.length },
    });
  });
  return { imported: voters.length, problems: [] };
}

export interface CodeLetter {
  name: string;
  postalAddress: string;
  memberNumber: string;
  code: string;
  constituency: string;
}

/** Give these voters new codes, keeping only the hashes (one statement a thousand voters). */
async function setCodes(trx: Db, codes: ReadonlyArray<{ id: number; code: string }>): Promise<void> {
  for (let start = 0; start < codes.length; start += 1000) {
    const rows = codes.slice(start, start + 1000).map((c) => sql`(${c.id}::integer, ${codeHash(c.code)})`);
    await sql`update election_voter set code_hash = v.hash, code_issued_at = now(), code_used_on = null
      from (values ${sql.join(rows)}) as v(id, hash) where election_voter.id = v.id`.execute(trx);
  }
}

function codeEmail(election: ElectionRow, publicUrl: string, voter: { name: string; constituency: string }, code: string) {
  const dates = election.voting_close_on ? `Voting closes on ${election.voting_close_on}.` : '';
  return {
    subject: `Your voting code: ${election.title}`.slice(0, 200),
    text: [
      `Dear ${voter.name},`,
      '',
      `You may vote in “${election.title}” (${voter.constituency}). Number the candidates 1, 2, 3… in the order you prefer.`,
      '',
      `Your voting code: ${groupedCode(code)}`,
      `Vote at: ${publicUrl}/elections/${election.id}/vote`,
      '',
      `${dates} The code works once. Your ballot is kept apart from your name: nobody can see how you voted.`.trim(),
    ].join('\n'),
  };
}

/**
 * Make a code for every voter who has none (with `again`, also new codes for postal voters whose code
 * is unused, when the letters were lost: their old codes stop working). Emails go through the outbox
 * in the same transaction; the letters for postal voters are returned, this once.
 */
export async function issueVotingCodes(
  deps: ElectionsDeps,
  actor: Actor,
  electionId: number,
  options: { again?: boolean } = {},
): Promise<{ emailed: number; letters: CodeLetter[] }> {
  const election = await electionRow(deps.db, actor, electionId);
  assertCan(actor, 'election.manage', { organisationId: election.organisation_id });
  assertPhase(election, ['statements', 'voting'], 'issue voting codes');
  return inTransaction(deps.db, (trx) => issueCodes(trx, actor, election, deps.config?.publicUrl ?? '', options.again === true));
}

/** The codes of issueVotingCodes, in a transaction (opening the vote issues them too). */
export async function issueCodes(trx: Db, actor: Actor, election: ElectionRow, publicUrl: string, again: boolean) {
  const voters = await trx
    .selectFrom('election_voter as v')
    .innerJoin('election_constituency as c', 'c.id', 'v.constituency_id')
    .select(['v.id', 'v.name', 'v.email', 'v.postal_address', 'v.member_number', 'c.name as constituency'])
    .where('v.election_id', '=', election.id)
    .where((eb) =>
      again ? eb.or([eb('v.code_hash', 'is', null), eb.and([eb('v.email', 'is', null), eb('v.code_used_on', 'is', null)])]) : eb('v.code_hash', 'is', null),
    )
    .orderBy('v.member_number')
    .forUpdate()
    .execute();
  const issued = voters.map((voter) => ({ ...voter, code: votingCode() }));
  await setCodes(trx, issued);
  for (const voter of issued.filter((v) => v.email))
    await enqueueMail(trx, { to: voter.email as string, ...codeEmail(election, publicUrl, voter, voter.code) });
  const letters = issued
    .filter((v) => !v.email)
    .map((v) => ({
      name: v.name,
      postalAddress: v.postal_address ?? '',
      memberNumber: v.member_number,
      code: groupedCode(v.code),
      constituency: v.constituency,
    }));
  const emailed = issued.length - letters.length;
  await recordAudit(trx, actor, {
    action: 'election.issue_codes',
    subjectType: 'election',
    subjectId: election.id,
    detail: { emailed, letters: letters.length },
  });
  return { emailed, letters };
}

export interface ConstituencyTurnout {
  id: number;
  name: string;
  voters: number;
  withEmail: number;
  codesIssued: number;
  codesUsed: number;
}

/** The electorate and its codes per constituency: for staff only (codes used is the turnout). */
export async function electorateSummary(deps: ElectionsDeps, actor: Actor, electionId: number): Promise<ConstituencyTurnout[]> {
  const election = await electionRow(deps.db, actor, electionId);
  assertCan(actor, 'election.turnout', { organisationId: election.organisation_id });
  const [constituencies, counts] = await Promise.all([
    constituenciesOf(deps.db, electionId),
    deps.db
      .selectFrom('election_voter')
      .select((eb) => [
        'constituency_id',
        eb.fn.countAll<number>().as('voters'),
        eb.fn.count<number>('email').as('withEmail'),
        eb.fn.count<number>('code_hash').as('codesIssued'),
        eb.fn.count<number>('code_used_on').as('codesUsed'),
      ])
      .where('election_id', '=', electionId)
      .groupBy('constituency_id')
      .execute(),
  ]);
  const byConstituency = new Map(counts.map((c) => [c.constituency_id, c]));
  return constituencies.map((c) => {
    const n = byConstituency.get(c.id);
    return {
      id: c.id,
      name: c.name,
      voters: Number(n?.voters ?? 0),
      withEmail: Number(n?.withEmail ?? 0),
      codesIssued: Number(n?.codesIssued ?? 0),
      codesUsed: Number(n?.codesUsed ?? 0),
    };
  });
}
