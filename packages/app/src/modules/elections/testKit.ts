// Shared steps for the elections tests (the service's and the routes'): an organisation with an
// admin and a body, and an election made through the service as far as the phase asked for — its
// candidates, an electorate (postal voters, whose codes come back on the letters; and voters with
// email, to nominate themselves or to be emailed), codes, and ballots when counted. Used only by *.test.ts files.
import type { Db } from '../../platform/database.js';
import { ValidationError } from '../../platform/errors.js';
import type { OrganisationRole } from '../../platform/permissions.js';
import { createVerifiedAccount } from '../accounts/service.js';
import { insertOrganisation } from '../accounts/testKit.js';
import { createBody } from '../registry/service.js';
import type { Actor } from './policy.js';
import type { ElectionPhase } from './schema.js';
import { addCandidate, castElectionBallot, createElection, type ElectionInput, electionDefaults, importElectorate, moveElectionPhase } from './service.js';

let made = 0;

/** The messages by field a service call was refused with (any other outcome fails the test). */
export async function fieldErrors(promise: Promise<unknown>): Promise<Record<string, string>> {
  const error = await promise.then(
    () => new Error('expected a refusal naming fields'),
    (e: unknown) => e,
  );
  if (!(error instanceof ValidationError)) throw error;
  return error.fieldErrors;
}

/** A verified account and the actor it is, holding these roles. */
export async function electionPerson(
  db: Db,
  roles: Array<{ organisationId: number; role: OrganisationRole }> = [],
  email?: string,
): Promise<{ accountId: number; email: string; actor: Actor }> {
  const address = email ?? `elector${++made}-${Date.now()}@example.org`;
  const accountId = await createVerifiedAccount(db, { email: address, password: 'correct horse battery', name: `Elector ${made}` });
  return { accountId, email: address, actor: { accountId, platformAdmin: false, organisationRoles: roles } };
}

/** An electorate file (CSV) with these voters, all in the one constituency unless named. */
export function electorateCsv(
  voters: ReadonlyArray<{ memberNumber: string; name: string; email?: string; postalAddress?: string; constituency?: string }>,
): string {
  const cell = (value = '') => (/[",\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);
  const lines = voters.map((v) => [v.memberNumber, v.name, v.email, v.postalAddress, v.constituency].map(cell).join(','));
  return `member_number,name,email,postal_address,constituency\n${lines.join('\n')}\n`;
}

export interface TestElection {
  electionId: number;
  organisationId: number;
  bodyId: number;
  admin: { accountId: number; email: string; actor: Actor };
  /** The (first) constituency's id. */
  constituencyId: number;
  /** The candidates added by staff, in the order given (ids and names). */
  candidates: Array<{ id: number; name: string }>;
  /** Voting codes of the postal voters (once voting has opened), unused unless ballots were cast. */
  codes: string[];
  /** Emails of the voters with email (they may nominate themselves, and are emailed their codes). */
  voterEmails: string[];
}

export interface TestElectionOptions {
  settings?: Partial<ElectionInput>;
  /** Staff-added candidates (valid at once). Default: 5 names for a constituency of 2 seats. */
  candidates?: string[];
  /** Postal voters (codes on letters). Default 6. */
  postalVoters?: number;
  /** Voters with these emails (nominees or emailed voters). */
  voterEmails?: string[];
  phase?: ElectionPhase;
  /**
   * For 'counted': the ballots cast with the postal voters' codes before the count, each as candidate
   * indexes (0-based) best first. By default every postal voter votes (defaultBallots).
   */
  ballots?: number[][];
}

/** Six ballots over five candidates (indexes in ballot order) that make a count with transfers: for route tests of a counted election. */
export const sixBallots: number[][] = [
  [0, 1, 2],
  [0, 2],
  [1, 0],
  [1, 3],
  [2, 0, 1],
  [3, 4],
];

/** A ballot per code: voter k ranks candidate k mod 3 first and the next candidate second, so the first three have most votes. */
export const defaultBallots = (codes: number, candidates: number) =>
  Array.from({ length: codes }, (_, k) => (candidates < 2 ? [0] : [k % Math.min(candidates, 3), ((k % Math.min(candidates, 3)) + 1) % candidates]));

const steps: ElectionPhase[] = ['draft', 'nominations', 'checking', 'statements', 'voting', 'counted'];

/**
 * An organisation with an admin and a board, and an election made through the service (one
 * constituency "Public" of 2 seats by default) with its candidates and electorate, moved on to `phase`
 * ('voting' by default).
 */
export async function testElection(db: Db, options: TestElectionOptions = {}): Promise<TestElection> {
  const organisationId = await insertOrganisation(db, `Election Trust ${++made}`);
  const admin = await electionPerson(db, [{ organisationId, role: 'admin' }]);
  const bodyId = await createBody({ db }, admin.actor, organisationId, { name: 'Council of Governors', kind: 'board' });
  const deps = { db, config: { publicUrl: 'http://involve.test' } };
  const electionId = await createElection(deps, admin.actor, {
    ...electionDefaults,
    organisationId,
    bodyId,
    title: `Public governors ${made}`,
    constituencies: [{ name: 'Public', seats: 2 }],
    declarations: 'I am a member of the trust\nI am not employed by the trust',
    ...options.settings,
  });
  const constituency = await db
    .selectFrom('election_constituency')
    .select(['id', 'name'])
    .where('election_id', '=', electionId)
    .orderBy('id')
    .executeTakeFirstOrThrow();
  const candidates: Array<{ id: number; name: string }> = [];
  for (const name of options.candidates ?? ['Ada Lovelace', 'Grace Hopper', 'Alan Turing', 'Mary Somerville', 'Charles Babbage'])
    candidates.push({
      id: await addCandidate(deps, admin.actor, electionId, { constituencyId: constituency.id, name, statement: `${name} will listen.` }),
      name,
    });
  const postal = Array.from({ length: options.postalVoters ?? 6 }, (_, i) => ({
    memberNumber: `P${i + 1}`,
    name: `Postal Voter ${i + 1}`,
    postalAddress: `${i + 1} High Street, Leeds`,
  }));
  const emailed = (options.voterEmails ?? []).map((email, i) => ({ memberNumber: `E${i + 1}`, name: `Email Voter ${i + 1}`, email }));
  const imported = await importElectorate(deps, admin.actor, electionId, electorateCsv([...postal, ...emailed]));
  if (imported.problems.length) throw new Error(imported.problems.map((p) => p.message).join('\n'));
  const target = steps.indexOf(options.phase ?? 'voting');
  let codes: string[] = [];
  for (const phase of steps.slice(1, target + 1)) {
    if (phase === 'counted')
      for (const [i, ballot] of (options.ballots ?? defaultBallots(codes.length, candidates.length)).entries())
        await castElectionBallot(deps, { accountId: null, platformAdmin: false, organisationRoles: [] }, electionId, {
          code: codes[i] as string,
          ranks: Object.fromEntries(ballot.map((index, rank) => [(candidates[index] as { id: number }).id, rank + 1])),
        });
    const issued = await moveElectionPhase(deps, admin.actor, electionId, phase);
    if (issued) codes = issued.letters.map((l) => l.code);
  }
  return { electionId, organisationId, bodyId, admin, constituencyId: constituency.id, candidates, codes, voterEmails: options.voterEmails ?? [] };
}
