// The address list and the invitation draw on a real database: a file with bad lines refused with
// each line named and nothing stored; a good one imported; a draw reproducible from its seed (the
// documented Fisher–Yates), each invited address given one single-use code; letters and the summary
// for organisers only.
import { beforeAll, describe, expect, it } from 'vitest';
import { rejection } from '../../../test/fixtures.js';
import { describeWithTestDatabase } from '../../../test/testDatabase.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../platform/errors.js';
import { anonymous } from '../../platform/permissions.js';
import { drawInvitations, importAddresses, invitationLetters, invitationSummary, normaliseCode, sampleWithoutReplacement } from './service.js';
import { assemblyPerson, type TestAssembly, testAssembly } from './testKit.js';

describe('the invitation draw and its codes', () => {
  it('samples without replacement, the same for the same seed, each position at most once', () => {
    const first = sampleWithoutReplacement(100, 10, 'seed 1');
    expect(sampleWithoutReplacement(100, 10, 'seed 1')).toEqual(first);
    expect(sampleWithoutReplacement(100, 10, 'seed 2')).not.toEqual(first);
    expect(new Set(first).size).toBe(10);
    expect(first.every((i) => i >= 0 && i < 100)).toBe(true);
    expect(sampleWithoutReplacement(5, 5, 'all').sort()).toEqual([0, 1, 2, 3, 4]);
  });

  it('reads a code however it is typed, and only from the readable alphabet', () => {
    expect(normaliseCode(' 7kq2m x9prt ')).toBe('7KQ2M-X9PRT');
    expect(normaliseCode('7KQ2M-X9PRT')).toBe('7KQ2M-X9PRT');
    expect(normaliseCode('7KQ2M-X9PR0')).toBeNull();
    expect(normaliseCode('7KQ2M')).toBeNull();
  });
});

describeWithTestDatabase('citizens’ assemblies: addresses and invitations', (database) => {
  const deps = () => ({ db: database.db });
  let a: TestAssembly;
  beforeAll(async () => {
    a = await testAssembly(database.db, { volunteers: 0, phase: 'recruiting' });
  }, 60_000);

  const summary = () => invitationSummary(database.db, a.admin.actor, a.assemblyId);

  it('names each bad line of an address file and stores nothing', async () => {
    const csv = [
      'Address line 1,Address line 2,Town,Postcode',
      '1 Mill Lane,,Leeds,LS6 3HN',
      '2 Mill Lane,,Leeds,LS6 3HX',
      ',,,LS6 3HN',
      '4 Mill Lane,,Leeds,NOT A CODE',
      '1 Mill Lane,,Leeds,ls63hn',
      '6 Mill Lane,,Leeds,',
      '7 Mill Lane,Headingley,Leeds,"LS6 3HN"',
    ].join('\n');
    const error = await rejection(importAddresses(deps(), a.admin.actor, a.assemblyId, csv));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors.file?.split('\n')).toEqual([
      'Line 4: no address',
      'Line 5: the postcode “NOT A CODE” is not a UK postcode',
      'Line 6: this address is also on line 2',
      'Line 7: no postcode',
      'Nothing was imported: correct the file and import it again.',
    ]);
    expect((await summary()).addresses).toBe(0);
    expect(await rejection(importAddresses(deps(), a.admin.actor, a.assemblyId, 'name,town\nSam,Leeds\n'))).toBeInstanceOf(ValidationError);
    expect(await rejection(importAddresses(deps(), a.admin.actor, a.assemblyId, 'address,postcode\n"never closed,LS6 3HN\n'))).toBeInstanceOf(ValidationError);
  });

  it('imports a good file, and refuses the same addresses again', async () => {
    const lines = Array.from({ length: 40 }, (_, i) => `"${i + 1} Station Road, Leeds",ls6 ${1 + (i % 9)}ab`);
    expect(await importAddresses(deps(), a.admin.actor, a.assemblyId, `address,postcode\n${lines.join('\n')}\n`)).toEqual({ added: 40 });
    const again = await rejection(importAddresses(deps(), a.admin.actor, a.assemblyId, `address,postcode\n${lines[0]}\n`));
    expect((again as ValidationError).fieldErrors.file).toContain('Line 2: this address is already on the list');
    expect(await summary()).toMatchObject({ addresses: 40, invited: 0, registered: 0, draws: [] });
    const stranger = await assemblyPerson(database.db, 'Stranger');
    expect(await rejection(importAddresses(deps(), stranger.actor, a.assemblyId, `address,postcode\n1 Road,LS6 1AB\n`))).toBeInstanceOf(ForbiddenError);
  });

  it('draws invitations reproducibly from the seed, each with its own single-use code, and prints the letters', async () => {
    expect(await rejection(drawInvitations(deps(), a.admin.actor, a.assemblyId, { count: 0, seed: ' ' }))).toBeInstanceOf(ValidationError);
    expect(((await rejection(drawInvitations(deps(), a.admin.actor, a.assemblyId, { count: 41, seed: 'x' }))) as ValidationError).fieldErrors).toEqual({
      count: 'Only 40 addresses are not yet invited: invite that many or fewer',
    });
    const ids = (await database.db.selectFrom('assembly_address').select('id').where('assembly_id', '=', a.assemblyId).orderBy('id').execute()).map(
      (r) => r.id,
    );
    const { drawId, invited } = await drawInvitations(deps(), a.admin.actor, a.assemblyId, { count: 15, seed: 'FTSE 100 close 3 March' });
    expect(invited).toBe(15);
    const drawn = await database.db.selectFrom('assembly_address').select(['id', 'code']).where('draw_id', '=', drawId).orderBy('id').execute();
    // The documented draw: the first 15 of a Fisher–Yates shuffle of the addresses in import order.
    expect(drawn.map((d) => d.id)).toEqual(
      sampleWithoutReplacement(40, 15, 'FTSE 100 close 3 March')
        .map((i) => ids[i])
        .sort((x, y) => (x as number) - (y as number)),
    );
    expect(new Set(drawn.map((d) => d.code)).size).toBe(15);
    expect(drawn.every((d) => /^[2-9A-HJ-NP-Z]{5}-[2-9A-HJ-NP-Z]{5}$/.test(d.code as string))).toBe(true);

    const letters = await invitationLetters(database.db, a.admin.actor, a.assemblyId, drawId);
    expect(letters).toHaveLength(15);
    expect(letters[0]?.address).toMatch(/^\d+ Station Road\nLeeds$/);
    expect(letters[0]?.postcode).toMatch(/^LS6 \dAB$/);
    expect(letters.map((l) => l.code).sort()).toEqual(drawn.map((d) => d.code).sort());
    expect(await rejection(invitationLetters(database.db, anonymous, a.assemblyId, drawId))).toBeInstanceOf(ForbiddenError);
    expect(await rejection(invitationLetters(database.db, a.admin.actor, a.assemblyId, drawId + 1000))).toBeInstanceOf(NotFoundError);

    // A second draw takes only from those not yet invited.
    const second = await drawInvitations(deps(), a.admin.actor, a.assemblyId, { count: 25, seed: 'second' });
    expect(second.invited).toBe(25);
    expect(await summary()).toMatchObject({
      addresses: 40,
      invited: 40,
      draws: [
        { seed: 'FTSE 100 close 3 March', requested: 15, drawnFrom: 40 },
        { seed: 'second', requested: 25, drawnFrom: 25 },
      ],
    });
    expect(await rejection(drawInvitations(deps(), a.admin.actor, a.assemblyId, { count: 1, seed: 'third' }))).toBeInstanceOf(ValidationError);
  });

  it('takes no addresses or draws once recruiting is over', async () => {
    const b = await testAssembly(database.db, { volunteers: 6 });
    expect(await rejection(importAddresses(deps(), b.admin.actor, b.assemblyId, 'address,postcode\n1 Road,LS6 1AB\n'))).toBeInstanceOf(ConflictError);
    expect(await rejection(drawInvitations(deps(), b.admin.actor, b.assemblyId, { count: 1, seed: 's' }))).toBeInstanceOf(ConflictError);
  });
});
