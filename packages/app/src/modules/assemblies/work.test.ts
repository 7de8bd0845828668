// The assembly's work through the service on a real database: sessions (times on a clock in
// England, each wrong field named), evidence and members' documents (the private ones reach only
// confirmed members and organisers), and who counts as a member.
import { beforeAll, expect, it } from 'vitest';
import { rejection } from '../../../test/fixtures.js';
import { describeWithTestDatabase } from '../../../test/testDatabase.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../../platform/errors.js';
import { anonymous } from '../../platform/permissions.js';
import type { Actor } from './policy.js';
import { addDocument, addSession, isMember, listDocuments, listSessions } from './service.js';
import { type SeatedAssembly, seatedAssembly, seatedWith } from './testKit.js';

describeWithTestDatabase('citizens’ assemblies: sessions and documents', (database) => {
  const deps = () => ({ db: database.db });
  let a: SeatedAssembly;
  let otherAdmin: Actor;

  beforeAll(async () => {
    a = await seatedAssembly(database.db);
    otherAdmin = (await seatedAssembly(database.db, { members: [] })).admin;
  });

  it('adds sessions at the time a clock in England shows, in the order they meet, and names each wrong field', async () => {
    const errors = await rejection(
      addSession(deps(), a.admin, a.assemblyId, { title: ' ', startsAt: '2027-03-28T01:30', venue: 'v'.repeat(501), summary: '' }),
    );
    expect(errors).toBeInstanceOf(ValidationError);
    expect((errors as ValidationError).fieldErrors).toEqual({
      title: 'Enter the title of the session',
      startsAt: 'Enter the date and time the session starts as a real date and time, like 14 3 2027 at 10:00',
      venue: 'The venue must be 500 characters or fewer',
    });
    expect(
      await rejection(addSession(deps(), seatedWith(a, 'confirmed').actor, a.assemblyId, { title: 'x', startsAt: '2027-06-14T10:00', venue: '', summary: '' })),
    ).toBeInstanceOf(ForbiddenError);
    expect(await rejection(addSession(deps(), otherAdmin, a.assemblyId, { title: 'x', startsAt: '2027-06-14T10:00', venue: '', summary: '' }))).toBeInstanceOf(
      ForbiddenError,
    );
    expect(await listSessions(database.db, a.assemblyId)).toEqual([]);

    const summer = await addSession(deps(), a.admin, a.assemblyId, {
      title: 'Hearing the evidence',
      startsAt: '2027-06-14T10:00',
      venue: 'Leeds Civic Hall',
      summary: 'Speakers.',
    });
    const winter = await addSession(deps(), a.admin, a.assemblyId, { title: 'Welcome', startsAt: '2027-01-10T18:30', venue: '', summary: '' });
    expect(await listSessions(database.db, a.assemblyId)).toEqual([
      { id: winter, title: 'Welcome', startsAt: new Date('2027-01-10T18:30:00Z'), venue: '', summary: '' },
      { id: summer, title: 'Hearing the evidence', startsAt: new Date('2027-06-14T09:00:00Z'), venue: 'Leeds Civic Hall', summary: 'Speakers.' },
    ]);
  });

  it('adds evidence tied to a session, and members’ documents; names each wrong field and stores nothing', async () => {
    const [session] = await listSessions(database.db, a.assemblyId);
    if (!session) throw new Error('no session');
    const elsewhere = await seatedAssembly(database.db, { members: [] });
    const otherSession = await addSession(deps(), elsewhere.admin, elsewhere.assemblyId, {
      title: 'Other',
      startsAt: '2027-02-01T10:00',
      venue: '',
      summary: '',
    });
    const bad = await rejection(
      addDocument(deps(), a.admin, a.assemblyId, {
        kind: 'secret' as 'private',
        sessionId: otherSession,
        title: '',
        speaker: 's'.repeat(201),
        body: '',
        url: 'javascript:alert(1)',
      }),
    );
    expect((bad as ValidationError).fieldErrors).toEqual({
      kind: 'Choose whether it is evidence for everyone or a document for members only',
      sessionId: 'Choose one of the assembly’s sessions, or none',
      title: 'Enter the title of the document',
      speaker: 'The speaker must be 200 characters or fewer',
      url: 'Enter a web address starting with https://, of 2,000 characters or fewer',
    });
    const empty = await rejection(
      addDocument(deps(), a.admin, a.assemblyId, { kind: 'evidence', sessionId: null, title: 'Nothing', speaker: '', body: ' ', url: '' }),
    );
    expect((empty as ValidationError).fieldErrors).toEqual({ body: 'Enter the text of the document, or a web address where it can be read' });
    expect(
      await rejection(
        addDocument(deps(), seatedWith(a, 'confirmed').actor, a.assemblyId, {
          kind: 'private',
          sessionId: null,
          title: 'Mine',
          speaker: '',
          body: 'x',
          url: '',
        }),
      ),
    ).toBeInstanceOf(ForbiddenError);
    expect(await listDocuments(database.db, a.admin, a.assemblyId, 'evidence')).toEqual([]);

    const paper = await addDocument(deps(), a.admin, a.assemblyId, {
      kind: 'evidence',
      sessionId: session.id,
      title: 'Urgent care in numbers',
      speaker: 'Dr A. Patel, NHS West Yorkshire',
      body: 'Four in ten visits could be seen elsewhere.',
      url: 'https://example.org/paper.pdf',
    });
    await addDocument(deps(), a.admin, a.assemblyId, {
      kind: 'private',
      sessionId: null,
      title: 'Contact list of the facilitators',
      speaker: '',
      body: 'Call 0113 000 0000.',
      url: '',
    });
    expect(await listDocuments(database.db, anonymous, a.assemblyId, 'evidence')).toEqual([
      {
        id: paper,
        kind: 'evidence',
        sessionId: session.id,
        sessionTitle: session.title,
        title: 'Urgent care in numbers',
        speaker: 'Dr A. Patel, NHS West Yorkshire',
        body: 'Four in ten visits could be seen elsewhere.',
        url: 'https://example.org/paper.pdf',
        createdAt: expect.any(Date),
      },
    ]);
  });

  it('shows members’ documents only to confirmed members and the organisers', async () => {
    const confirmed = seatedWith(a, 'confirmed');
    for (const reader of [a.admin, confirmed.actor]) {
      expect((await listDocuments(database.db, reader, a.assemblyId, 'private')).map((d) => d.title)).toEqual(['Contact list of the facilitators']);
    }
    const selected = seatedWith(a, 'selected');
    const declined = seatedWith(a, 'declined');
    for (const reader of [anonymous, a.stranger, selected.actor, declined.actor, otherAdmin]) {
      expect(await rejection(listDocuments(database.db, reader, a.assemblyId, 'private'))).toBeInstanceOf(ForbiddenError);
    }
  });

  it('knows a confirmed member by their account, and no one else', async () => {
    const confirmed = seatedWith(a, 'confirmed');
    expect(await isMember(database.db, confirmed.actor, a.assemblyId)).toEqual({ memberId: confirmed.memberId });
    for (const m of a.members.filter((m) => m.status !== 'confirmed')) expect(await isMember(database.db, m.actor, a.assemblyId)).toBeNull();
    expect(await isMember(database.db, anonymous, a.assemblyId)).toBeNull();
    expect(await isMember(database.db, a.admin, a.assemblyId)).toBeNull();
    expect(await isMember(database.db, confirmed.actor, a.assemblyId + 1000)).toBeNull();
  });

  it('hides a draft assembly’s work from everyone but its organisers', async () => {
    const draft = await seatedAssembly(database.db, { members: [], phase: 'draft' });
    await addDocument(deps(), draft.admin, draft.assemblyId, { kind: 'evidence', sessionId: null, title: 'Early paper', speaker: '', body: 'Text.', url: '' });
    expect(await listDocuments(database.db, draft.admin, draft.assemblyId, 'evidence')).toHaveLength(1);
    expect(await rejection(listDocuments(database.db, anonymous, draft.assemblyId, 'evidence'))).toBeInstanceOf(NotFoundError);
  });
});
