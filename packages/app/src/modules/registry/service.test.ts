// The registry's service functions on a real database: search, gaps, places, organisations,
// bodies and members, with bad input refused by the field and nothing changed.
import { beforeAll, expect, it } from 'vitest';
import { rejection, systemActor } from '../../../test/fixtures.js';
import { describeWithTestDatabase } from '../../../test/testDatabase.js';
import { ConflictError, ForbiddenError, ValidationError } from '../../platform/errors.js';
import { type Actor, anonymous } from '../../platform/permissions.js';
import {
  addMember,
  addRelation,
  createBody,
  createOrganisation,
  createPlace,
  endMember,
  findGaps,
  getBody,
  getOrganisation,
  getOrganisationSummary,
  getPlace,
  listPlaces,
  searchOrganisations,
  updateOrganisation,
  updatePlace,
} from './service.js';

const admin: Actor = systemActor;

describeWithTestDatabase('registry service', (database) => {
  const deps = () => ({ db: database.db });
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    const d = deps();
    ids.system = await createPlace(d, admin, { name: 'Testshire System', kind: 'integrated_care_system', code: 'X54000001' });
    ids.area = await createPlace(d, admin, { name: 'Testford', kind: 'local_authority_area', parentId: String(ids.system), code: 'X06000001' });
    ids.hood = await createPlace(d, admin, {
      name: 'Riverside',
      kind: 'neighbourhood',
      parentId: String(ids.area),
      population: { age_band: [{ category: '0 to 15', people: 1000 }], sex: [{ category: 'Female', people: 600 }] },
    });
    ids.otherArea = await createPlace(d, admin, { name: 'Elsewhere', kind: 'local_authority_area', parentId: String(ids.system) });
    ids.leeds = await createOrganisation(d, admin, {
      name: 'Leeds Teaching Hospitals NHS Trust',
      type: 'nhs_trust',
      odsCode: 'rr8',
      postcode: 'ls9 7tf',
      takesNhsMoney: true,
      description: 'Hospitals in Leeds',
      placeIds: [String(ids.hood)],
    });
    ids.surgery = await createOrganisation(d, admin, {
      name: 'Hyde Park Surgery',
      type: 'gp_practice',
      odsCode: 'B86001',
      postcode: 'LS6 1AA',
      takesNhsMoney: true,
      placeIds: [String(ids.area)],
    });
    ids.surgery2 = await createOrganisation(d, admin, {
      name: 'Far Surgery',
      type: 'gp_practice',
      odsCode: 'B86002',
      postcode: 'LS61 1AB',
      takesNhsMoney: true,
      placeIds: [String(ids.otherArea)],
    });
    ids.group = await createOrganisation(d, admin, { name: 'Breathe Easy Leeds', type: 'Voluntary or community group', postcode: 'LS6 2BB' });
    for (let i = 1; i <= 25; i++)
      await createOrganisation(d, admin, { name: `Pharmacy ${String(i).padStart(2, '0')}`, type: 'pharmacy', postcode: `M${i} 1AA` });
  });

  it('gives a summary for other modules', async () => {
    expect(await getOrganisationSummary(database.db, ids.leeds as number)).toEqual({
      id: ids.leeds,
      name: 'Leeds Teaching Hospitals NHS Trust',
      type: 'nhs_trust',
    });
    expect(await getOrganisationSummary(database.db, 999999)).toBeNull();
  });

  it('searches by full text, ODS code and the start of a name', async () => {
    const text = await searchOrganisations(deps(), { q: 'hospitals leeds' });
    expect(text.items.map((i) => i.name)).toEqual(['Leeds Teaching Hospitals NHS Trust']);
    const ods = await searchOrganisations(deps(), { q: 'b86001' });
    expect(ods.items[0]?.name).toBe('Hyde Park Surgery');
    const prefix = await searchOrganisations(deps(), { q: 'Breat' });
    expect(prefix.items.map((i) => i.name)).toEqual(['Breathe Easy Leeds']);
    const leeds = await searchOrganisations(deps(), { q: 'Leed' });
    expect(leeds.items.map((i) => i.name).sort()).toEqual(['Breathe Easy Leeds', 'Leeds Teaching Hospitals NHS Trust']);
  });

  it('filters by type, by place including the places inside it, and by postcode', async () => {
    const practices = await searchOrganisations(deps(), { type: 'gp_practice' });
    expect(practices.items.map((i) => i.name)).toEqual(['Far Surgery', 'Hyde Park Surgery']);
    const inSystem = await searchOrganisations(deps(), { placeId: ids.system });
    expect(inSystem.items.map((i) => i.name)).toEqual(['Far Surgery', 'Hyde Park Surgery', 'Leeds Teaching Hospitals NHS Trust']);
    const inArea = await searchOrganisations(deps(), { placeId: ids.area });
    expect(inArea.items.map((i) => i.name)).toEqual(['Hyde Park Surgery', 'Leeds Teaching Hospitals NHS Trust']);
    const ls6 = await searchOrganisations(deps(), { postcode: 'ls6' });
    expect(ls6.items.map((i) => i.name)).toEqual(['Breathe Easy Leeds', 'Hyde Park Surgery']);
    const ls61 = await searchOrganisations(deps(), { postcode: 'LS61' });
    expect(ls61.items.map((i) => i.name)).toEqual(['Far Surgery']);
    const full = await searchOrganisations(deps(), { postcode: 'ls6  1aa' });
    expect(full.items.map((i) => i.name)).toEqual(['Hyde Park Surgery']);
    const area = await searchOrganisations(deps(), { postcode: 'LS' });
    expect(area.total).toBe(4);
    const unknownType = await searchOrganisations(deps(), { type: 'castle' });
    expect(unknownType.total).toBe(0);
  });

  it('pages through results with a total', async () => {
    const first = await searchOrganisations(deps(), { type: 'pharmacy', pageSize: 10 });
    expect(first).toMatchObject({ total: 25, page: 1, pageSize: 10 });
    expect(first.items).toHaveLength(10);
    const third = await searchOrganisations(deps(), { type: 'pharmacy', pageSize: 10, page: 3 });
    expect(third.items.map((i) => i.name)).toEqual(['Pharmacy 21', 'Pharmacy 22', 'Pharmacy 23', 'Pharmacy 24', 'Pharmacy 25']);
    const beyond = await searchOrganisations(deps(), { type: 'pharmacy', pageSize: 10, page: 9 });
    expect(beyond).toMatchObject({ total: 25, items: [] });
    const capped = await searchOrganisations(deps(), { pageSize: 1000 });
    expect(capped.pageSize).toBe(100);
    expect((await searchOrganisations(deps(), {})).pageSize).toBe(20);
  });

  it('refuses a duplicate ODS code with a conflict naming the other organisation, and changes nothing', async () => {
    const error = await rejection(createOrganisation(deps(), admin, { name: 'Copy', type: 'nhs_trust', odsCode: 'RR8' }));
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).message).toBe('An organisation with ODS code RR8 already exists: Leeds Teaching Hospitals NHS Trust');
    expect((error as ConflictError).field).toBe('odsCode');
    expect((await searchOrganisations(deps(), { q: 'Copy' })).total).toBe(0);
  });

  it('refuses bad fields by name and changes nothing', async () => {
    const error = (await rejection(
      updateOrganisation(deps(), admin, ids.leeds as number, { name: 'x'.repeat(201), postcode: 'NOT A CODE', website: 'ftp://x.org', type: 'hospital' }),
    )) as ValidationError;
    expect(error).toBeInstanceOf(ValidationError);
    expect(Object.keys(error.fieldErrors).sort()).toEqual(['name', 'postcode', 'type', 'website']);
    expect(error.fieldErrors.type).toContain("'hospital' is not a known organisation type");
    expect((await getOrganisation(database.db, ids.leeds as number))?.name).toBe('Leeds Teaching Hospitals NHS Trust');
  });

  it('lets an organisation admin change only their own organisation', async () => {
    const orgAdmin: Actor = { accountId: 1, platformAdmin: false, organisationRoles: [{ organisationId: ids.group as number, role: 'admin' }] };
    await updateOrganisation(deps(), orgAdmin, ids.group as number, { description: 'Singing for lung health' });
    expect((await getOrganisation(database.db, ids.group as number))?.description).toBe('Singing for lung health');
    expect(await rejection(updateOrganisation(deps(), orgAdmin, ids.leeds as number, { name: 'Hijacked' }))).toBeInstanceOf(ForbiddenError);
    expect(await rejection(createOrganisation(deps(), anonymous, { name: 'X', type: 'pharmacy' }))).toBeInstanceOf(ForbiddenError);
    expect((await getOrganisation(database.db, ids.leeds as number))?.name).toBe('Leeds Teaching Hospitals NHS Trust');
  });

  it('lists places as a tree with counts, and gives population figures', async () => {
    const tree = await listPlaces(database.db);
    expect(tree.map((p) => p.name)).toEqual(['Testshire System']);
    expect(tree[0]?.children.map((c) => c.name)).toEqual(['Elsewhere', 'Testford']);
    const place = await getPlace(database.db, ids.hood as number);
    expect(place?.population.age_band).toEqual([{ category: '0 to 15', people: 1000 }]);
    expect(place?.parent?.name).toBe('Testford');
    const area = await getPlace(database.db, ids.area as number);
    expect(area?.organisations.map((o) => o.name)).toEqual(['Hyde Park Surgery', 'Leeds Teaching Hospitals NHS Trust']);
    await updatePlace(deps(), admin, ids.hood as number, {
      name: 'Riverside',
      kind: 'neighbourhood',
      parentId: ids.area,
      population: { sex: [{ category: 'Male', people: 400 }] },
    });
    const updated = await getPlace(database.db, ids.hood as number);
    expect(updated?.population.sex).toEqual([{ category: 'Male', people: 400 }]);
    expect(updated?.population.age_band).toHaveLength(1);
    const error = (await rejection(createPlace(deps(), admin, { name: 'Bad', kind: 'integrated_care_system', parentId: ids.hood }))) as ValidationError;
    expect(error.fieldErrors.parentId).toBeTruthy();
    expect(await rejection(createPlace(deps(), admin, { name: 'Dup', kind: 'integrated_care_system', code: 'x54000001' }))).toBeInstanceOf(ConflictError);
  });

  it('keeps bodies and members, with terms and reporting lines', async () => {
    const board = await createBody(deps(), admin, ids.leeds as number, { name: 'Trust board', kind: 'board' });
    const committee = await createBody(deps(), admin, ids.leeds as number, {
      name: 'PPI committee',
      kind: 'committee',
      reportsToBodyId: String(board),
      remit: 'Involvement',
    });
    await addMember(deps(), admin, board, { personName: 'Ada Chair', role: 'chair', termStart: '2024-01-01' });
    const old = await addMember(deps(), admin, board, { personName: 'Old Member', role: 'member', termStart: '2020-01-01', termEnd: '2021-01-01' });
    expect(old).toBeGreaterThan(0);
    const body = await getBody(database.db, committee);
    expect(body?.reportsTo?.name).toBe('Trust board');
    const boardDetail = await getBody(database.db, board);
    expect(boardDetail?.currentMembers.map((m) => m.personName)).toEqual(['Ada Chair']);
    expect(boardDetail?.pastMembers.map((m) => m.personName)).toEqual(['Old Member']);
    const bad = (await rejection(
      addMember(deps(), admin, board, { personName: '', role: 'boss', termStart: '2024-02-30', termEnd: '2023-01-01' }),
    )) as ValidationError;
    expect(Object.keys(bad.fieldErrors).sort()).toEqual(['personName', 'role', 'termStart']);
    const endsEarly = (await rejection(
      addMember(deps(), admin, board, { personName: 'X', role: 'member', termStart: '2024-02-01', termEnd: '2024-01-01' }),
    )) as ValidationError;
    expect(endsEarly.fieldErrors.termEnd).toContain('after the term start');
    const otherBody = await createBody(deps(), admin, ids.surgery as number, { name: 'Partners', kind: 'board' });
    const crossOrg = (await rejection(
      createBody(deps(), admin, ids.leeds as number, { name: 'X', kind: 'committee', reportsToBodyId: otherBody }),
    )) as ValidationError;
    expect(crossOrg.fieldErrors.reportsToBodyId).toBeTruthy();
    const detail = await getOrganisation(database.db, ids.leeds as number);
    expect(detail?.bodies.find((b) => b.name === 'Trust board')?.currentMembers).toBe(1);
  });

  it('records relations both ways', async () => {
    await addRelation(deps(), admin, { fromOrganisationId: ids.leeds, kind: 'provides_for', toOrganisationId: ids.surgery });
    expect(await rejection(addRelation(deps(), admin, { fromOrganisationId: ids.leeds, kind: 'provides_for', toOrganisationId: ids.surgery }))).toBeInstanceOf(
      ConflictError,
    );
    const leeds = await getOrganisation(database.db, ids.leeds as number);
    expect(leeds?.relationsFrom.map((r) => [r.kind, r.organisation.name])).toEqual([['provides_for', 'Hyde Park Surgery']]);
    const surgery = await getOrganisation(database.db, ids.surgery as number);
    expect(surgery?.relationsTo.map((r) => [r.kind, r.organisation.name])).toEqual([['provides_for', 'Leeds Teaching Hospitals NHS Trust']]);
  });
});

describeWithTestDatabase('gaps', (database) => {
  it('finds boards without a current patient representative and missing patient groups, by hand-built cases', async () => {
    const d = { db: database.db };
    const place = await createPlace(d, admin, { name: 'Gapland', kind: 'local_authority_area' });
    const make = (name: string, type: string, takesNhsMoney: boolean, placeIds: number[] = []) =>
      createOrganisation(d, admin, { name, type, takesNhsMoney, placeIds });
    // A trust with a board, a current patient representative and a reference group: no gaps.
    const good = await make('A Good Trust', 'nhs_trust', true, [place]);
    const goodBoard = await createBody(d, admin, good, { name: 'Board', kind: 'board' });
    await addMember(d, admin, goodBoard, { personName: 'P Rep', role: 'patient_representative', termStart: '2020-01-01' });
    await createBody(d, admin, good, { name: 'PRG', kind: 'patient_reference_group' });
    // A trust whose patient representative's term has ended, and no reference group.
    const lapsed = await make('B Lapsed Trust', 'nhs_trust', true);
    const lapsedBoard = await createBody(d, admin, lapsed, { name: 'Board', kind: 'board' });
    const rep = await addMember(d, admin, lapsedBoard, { personName: 'Q Rep', role: 'patient_representative', termStart: '2020-01-01' });
    await endMember(d, admin, rep, '2021-01-01');
    await addMember(d, admin, lapsedBoard, { personName: 'Lay', role: 'lay_member', termStart: '2020-01-01' });
    await createBody(d, admin, lapsed, { name: 'Patients', kind: 'patient_participation_group' });
    // A commissioner with no board at all.
    const noBoard = await make('C Commissioner', 'commissioner', true);
    await createBody(d, admin, noBoard, { name: 'PRG', kind: 'patient_reference_group' });
    // Practices: one with a PPG, one without.
    const practice = await make('D Practice', 'gp_practice', true, [place]);
    await createBody(d, admin, practice, { name: 'PPG', kind: 'patient_participation_group' });
    await make('E Practice', 'gp_practice', true, [place]);
    // Not NHS-funded: never a gap.
    await make('F Group', 'voluntary_group', false);

    const gaps = await findGaps(database.db);
    expect(gaps.noBoardRepresentative.map((g) => [g.name, g.hasBoard])).toEqual([
      ['B Lapsed Trust', true],
      ['C Commissioner', false],
    ]);
    expect(gaps.noPatientGroup.map((g) => [g.name, g.missing])).toEqual([
      ['B Lapsed Trust', 'patient_reference_group'],
      ['E Practice', 'patient_participation_group'],
    ]);
    const inPlace = await findGaps(database.db, { placeId: place });
    expect(inPlace.noBoardRepresentative).toEqual([]);
    expect(inPlace.noPatientGroup.map((g) => g.name)).toEqual(['E Practice']);
    // A representative whose term starts in the future does not count yet.
    const later = await findGaps(database.db, { today: '2019-06-01' });
    expect(later.noBoardRepresentative.map((g) => g.name)).toContain('A Good Trust');
  });
});
