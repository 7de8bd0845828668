// The complaints team's case work: case notes, the contact log and attachments stay with the team
// (the complainant and everyone else get "not found" and never see them on their pages); files are
// checked by their first bytes and size, kept in the database or a folder; the investigator is one
// of the organisation's complaints managers and is told by email; the case list finds closed
// complaints and filters by subject, dates, investigator and overdue; letters come as PDF with the
// organisation's name; and the complaint form has a check-your-answers step.
import { mkdtemp, readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { describeWithTestApp } from '../../../test/testApp.js';
import type { Actor } from '../../platform/permissions.js';
import { signedInPerson } from '../accounts/testKit.js';
import { checkAttachment } from './attachments.js';
import { addAttachment, addCaseNote, assignInvestigator, attachmentFile, caseWorkOf, logContact } from './casework.js';
import { findComplaints } from './finding.js';
import type { ComplaintsDeps } from './service.js';
import { daysFromToday, goodComplaint, makeComplaintThroughForm, organisationWithManager, pdfText, today } from './testKit.js';

// Real first bytes of each kind (a tiny PNG, a PDF, a .docx zip, an OLE2 .doc, a JPEG) and a program.
const png = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5f6453a0000000049454e44ae426082',
  'hex',
);
const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const docx = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('....word/document.xml....')]);
const doc = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(64)]);
const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(32)]);
const program = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(64)]);

function managerActor(accountId: number, organisationId: number): Actor {
  return { accountId, platformAdmin: false, organisationRoles: [{ organisationId, role: 'complaints_manager' }] };
}

it('takes PDF, PNG, JPEG and Word files by their first bytes, and refuses the rest by name', () => {
  const max = 10 * 1024 * 1024;
  expect(checkAttachment('scan.png', png, max)).toEqual({ contentType: 'image/png', fileName: 'scan.png' });
  expect(checkAttachment('Letter.PDF', pdf, max)).toMatchObject({ contentType: 'application/pdf' });
  expect(checkAttachment('notes.docx', docx, max)).toMatchObject({ contentType: expect.stringContaining('wordprocessingml') });
  expect(checkAttachment('old.doc', doc, max)).toMatchObject({ contentType: 'application/msword' });
  expect(checkAttachment('photo.jpeg', jpeg, max)).toMatchObject({ contentType: 'image/jpeg' });
  expect(checkAttachment('C:\\Users\\me\\photo.jpg', jpeg, max)).toMatchObject({ fileName: 'photo.jpg' });
  // A program renamed .pdf, a PNG called .docx, a zip that is not a Word document.
  expect(checkAttachment('invoice.pdf', program, max)).toEqual({ error: expect.stringContaining('not a real PDF') });
  expect(checkAttachment('scan.docx', png, max)).toEqual({ error: expect.stringContaining('not a real DOCX') });
  expect(checkAttachment('archive.docx', Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), max)).toHaveProperty('error');
  expect(checkAttachment('run.exe', program, max)).toEqual({ error: expect.stringContaining('must be a PDF') });
  expect(checkAttachment('noextension', pdf, max)).toHaveProperty('error');
  expect(checkAttachment('empty.pdf', Buffer.alloc(0), max)).toEqual({ error: expect.stringContaining('empty') });
  expect(checkAttachment('', null, max)).toEqual({ error: 'Choose a file to attach' });
  expect(checkAttachment('big.pdf', Buffer.concat([pdf, Buffer.alloc(2048)]), 1024)).toEqual({ error: 'The file must be 0 MB or smaller' });
});

describeWithTestApp('complaint case work', (t) => {
  let deps: ComplaintsDeps;
  let world: Awaited<ReturnType<typeof organisationWithManager>>;
  let second: Awaited<ReturnType<typeof signedInPerson>>;
  let complainant: Awaited<ReturnType<typeof signedInPerson>>;
  let stranger: Awaited<ReturnType<typeof signedInPerson>>;
  let manager: Actor;
  let complaintId: number;

  beforeAll(async () => {
    deps = { db: t.db, config: t.config };
    world = await organisationWithManager(t, 'Casework Surgery');
    manager = managerActor(world.manager.accountId, world.organisationId);
    second = await signedInPerson(t, { name: 'Ivy Investigator', roles: [{ organisationId: world.organisationId, role: 'complaints_manager' }] });
    complainant = await signedInPerson(t, { name: 'Cara Complainant' });
    stranger = await signedInPerson(t, { roles: [{ organisationId: world.organisationId, role: 'admin' }] });
    complaintId = await makeComplaintThroughForm(complainant.client, world.organisationId, {
      contactPreference: 'letter',
      postalAddress: '4 Elm Road\nNorthvale\nNV1 2AB',
    });
  });

  it('keeps case notes and the contact log with the complaints team, naming wrong fields', async () => {
    await addCaseNote(deps, manager, complaintId, { note: 'Private note QZ-NOTE-7: ward sister to call back.' });
    await expect(addCaseNote(deps, manager, complaintId, { note: '   ' })).rejects.toMatchObject({ fieldErrors: { note: 'Enter the note' } });
    await logContact(deps, manager, complaintId, { kind: 'call', date: today(), withWhom: 'The complainant', summary: 'Call QZ-CALL-3 about the meeting.' });
    await expect(logContact(deps, manager, complaintId, { kind: 'fax', date: '2025-02-30', withWhom: '', summary: '' })).rejects.toMatchObject({
      fieldErrors: { kind: expect.any(String), contactDate: expect.stringContaining('real date'), withWhom: expect.any(String), summary: expect.any(String) },
    });
    await expect(logContact(deps, manager, complaintId, { kind: 'call', date: daysFromToday(3), withWhom: 'x', summary: 'y' })).rejects.toMatchObject({
      fieldErrors: { contactDate: expect.stringContaining('past') },
    });
    const work = await caseWorkOf(deps, manager, complaintId);
    expect(work.notes.map((n) => n.body)).toEqual(['Private note QZ-NOTE-7: ward sister to call back.']);
    expect(work.notes[0]?.authorName).toBe('Mo Manager');
    expect(work.contacts).toMatchObject([{ kind: 'call', kindLabel: 'Phone call', withWhom: 'The complainant' }]);
    expect(work.contact).toMatchObject({ preference: 'letter', postalAddress: '4 Elm Road\nNorthvale\nNV1 2AB' });
    // The complainant (who may read the complaint) and other staff may not read or write case work.
    const complainantActor: Actor = { accountId: complainant.accountId, platformAdmin: false, organisationRoles: [] };
    await expect(caseWorkOf(deps, complainantActor, complaintId)).rejects.toMatchObject({ hidden: true });
    await expect(addCaseNote(deps, complainantActor, complaintId, { note: 'x' })).rejects.toMatchObject({ hidden: true });
  });

  it('makes one of the complaints managers the investigator and tells them by email, once', async () => {
    const outbox = () =>
      t.db
        .selectFrom('mail_outbox')
        .select(['to_address', 'subject', 'body_text'])
        .where('to_address', '=', second.email)
        .where('subject', 'like', 'You are investigating%')
        .execute();
    await expect(assignInvestigator(deps, manager, complaintId, { investigator: String(stranger.accountId) })).rejects.toMatchObject({
      fieldErrors: { investigator: expect.stringContaining('Select the investigator') },
    });
    await expect(assignInvestigator(deps, manager, complaintId, { investigator: 'nobody' })).rejects.toMatchObject({
      fieldErrors: { investigator: expect.any(String) },
    });
    await assignInvestigator(deps, manager, complaintId, { investigator: String(second.accountId) });
    await assignInvestigator(deps, manager, complaintId, { investigator: String(second.accountId) });
    const mails = await outbox();
    expect(mails).toHaveLength(1);
    expect(mails[0]?.subject).toMatch(/^You are investigating complaint C-/);
    expect(mails[0]?.body_text).toContain('Dear Ivy Investigator,');
    expect(mails[0]?.body_text).toContain(`/complaints/${complaintId}`);
    expect(mails[0]?.body_text).not.toContain('QZ-NOTE-7');
    expect((await caseWorkOf(deps, manager, complaintId)).investigator).toEqual({ accountId: second.accountId, name: 'Ivy Investigator' });
  });

  it('keeps attachments in the database, or in the folder when one is set, and hands them only to the team', async () => {
    const id = await addAttachment(deps, manager, complaintId, { fileName: 'scan.png', content: png });
    expect(await attachmentFile(deps, manager, complaintId, id)).toEqual({ fileName: 'scan.png', contentType: 'image/png', content: png });
    await expect(addAttachment(deps, manager, complaintId, { fileName: 'x.pdf', content: program })).rejects.toMatchObject({
      fieldErrors: { file: expect.any(String) },
    });
    await expect(
      addAttachment({ ...deps, config: { ...deps.config, attachmentMaxBytes: 16 } }, manager, complaintId, { fileName: 'x.pdf', content: pdf }),
    ).rejects.toMatchObject({
      fieldErrors: { file: expect.stringContaining('or smaller') },
    });
    const folder = await mkdtemp(path.join(os.tmpdir(), 'involve-attachments-'));
    const inFolder = { ...deps, config: { ...deps.config, attachmentsDir: folder } };
    const fileId = await addAttachment(inFolder, manager, complaintId, { fileName: 'letter.pdf', content: pdf });
    const row = await t.db.selectFrom('complaint_attachment').select(['content', 'stored_name']).where('id', '=', fileId).executeTakeFirstOrThrow();
    expect(row.content).toBeNull();
    expect(await readdir(folder)).toEqual([row.stored_name]);
    expect((await attachmentFile(inFolder, manager, complaintId, fileId)).content.equals(pdf)).toBe(true);
    const complainantActor: Actor = { accountId: complainant.accountId, platformAdmin: false, organisationRoles: [] };
    await expect(attachmentFile(deps, complainantActor, complaintId, id)).rejects.toMatchObject({ hidden: true });
    await expect(attachmentFile(deps, manager, complaintId, 999_999)).rejects.toThrow();
  });

  it('shows none of the case work to the complainant or anyone else, and names bad uploads without a 5xx', async () => {
    const page = await world.manager.client.get(`/complaints/${complaintId}`);
    expect(page.statusCode).toBe(200);
    for (const text of ['QZ-NOTE-7', 'QZ-CALL-3', 'scan.png', 'Ivy Investigator', 'Letter by post', 'NV1 2AB']) expect(page.body).toContain(text);
    const own = await complainant.client.get(`/account/complaints/${complaintId}`);
    expect(own.statusCode).toBe(200);
    for (const text of ['QZ-NOTE-7', 'QZ-CALL-3', 'scan.png', 'Ivy Investigator', 'Case notes']) expect(own.body).not.toContain(text);
    const attachment = await t.db
      .selectFrom('complaint_attachment')
      .select('id')
      .where('complaint_id', '=', complaintId)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const download = await world.manager.client.get(`/complaints/${complaintId}/attachments/${attachment.id}`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-disposition']).toBe('attachment; filename="scan.png"');
    expect(download.headers['content-type']).toBe('image/png');
    expect(download.rawPayload.equals(png)).toBe(true);
    for (const client of [complainant.client, stranger.client, t.client()]) {
      expect((await client.get(`/complaints/${complaintId}/attachments/${attachment.id}`)).statusCode).toBe(404);
      await client.get('/');
      expect((await client.post(`/complaints/${complaintId}/notes`, { note: 'sneaky' })).statusCode).toBe(404);
      expect((await client.post(`/complaints/${complaintId}/investigator`, { investigator: String(stranger.accountId) })).statusCode).toBe(404);
    }
    expect((await stranger.client.get(`/complaints/${complaintId}`)).statusCode).toBe(404);

    const client = world.manager.client;
    await client.get(`/complaints/${complaintId}`);
    const emptyNote = await client.post(`/complaints/${complaintId}/notes`, { note: '' });
    expect(emptyNote.statusCode).toBe(422);
    expect(emptyNote.body).toContain('href="#note"');
    const badContact = await client.post(`/complaints/${complaintId}/contacts`, {
      kind: 'call',
      'contactDate-day': '31',
      'contactDate-month': '2',
      'contactDate-year': '2025',
      withWhom: 'Me',
      summary: 'Kept QZ-KEPT',
    });
    expect(badContact.statusCode).toBe(422);
    expect(badContact.body).toContain('href="#contactDate-day"');
    expect(badContact.body).toContain('Kept QZ-KEPT');
    const uploads: Array<[string, Buffer, number, string]> = [
      ['empty.pdf', Buffer.alloc(0), 422, 'The file is empty'],
      ['', Buffer.alloc(0), 422, 'Choose a file to attach'],
      ['tool.exe', program, 422, 'must be a PDF'],
      ['fake.pdf', program, 422, 'not a real PDF'],
      ['huge.pdf', Buffer.concat([pdf, Buffer.alloc(11 * 1024 * 1024)]), 422, '10 MB or smaller'],
      ['letter.pdf', pdf, 303, ''],
    ];
    for (const [filename, content, status, message] of uploads) {
      await client.get(`/complaints/${complaintId}`);
      const response = await client.postMultipart(
        `/complaints/${complaintId}/attachments`,
        {},
        { field: 'file', filename, content, contentType: 'application/octet-stream' },
      );
      expect(response.statusCode, filename).toBe(status);
      if (message) expect(response.body).toContain(message);
    }
  });

  it('finds a closed complaint by reference, and filters by subject, dates, investigator and overdue', async () => {
    const client = world.manager.client;
    await client.get(`/complaints/${complaintId}/acknowledge`);
    expect((await client.post(`/complaints/${complaintId}/acknowledge`, { letter: 'Dear {{complainant_name}}, we have it.' })).statusCode).toBe(303);
    await client.get(`/complaints/${complaintId}/final-response`);
    const final = await client.post(`/complaints/${complaintId}/final-response`, {
      outcome: 'upheld',
      subjects: ['communication'],
      letter: 'Dear {{complainant_name}},\n\nOur final response to {{reference}}.\n\nYours sincerely,\n\n{{manager_name}}',
    });
    expect(final.statusCode).toBe(303);
    await client.get(`/complaints/${complaintId}`);
    expect((await client.post(`/complaints/${complaintId}/close`, {})).statusCode).toBe(303);
    const open = await makeComplaintThroughForm(complainant.client, world.organisationId);
    const reference = (await t.db.selectFrom('complaint').select('reference').where('id', '=', complaintId).executeTakeFirstOrThrow()).reference;
    const ids = async (search: Partial<Parameters<typeof findComplaints>[2]>) =>
      (await findComplaints(deps, manager, { q: '', state: '', page: 1, ...search })).items.map((i) => i.id);

    expect(await ids({ q: reference.toLowerCase() })).toEqual([complaintId]);
    expect(await ids({ q: reference, state: 'closed' })).toEqual([complaintId]);
    expect(await ids({ q: reference, state: 'open' })).toEqual([]);
    expect(await ids({ subject: 'communication' })).toEqual([complaintId]);
    expect(await ids({ subject: 'transport' })).toEqual([]);
    expect(await ids({ investigator: String(second.accountId) })).toEqual([complaintId]);
    expect(await ids({ investigator: 'none' })).toEqual([open]);
    expect(await ids({ receivedFrom: daysFromToday(1) })).toEqual([]);
    expect((await ids({ receivedFrom: daysFromToday(-1), receivedTo: today() })).sort()).toEqual([complaintId, open].sort());
    await expect(findComplaints(deps, manager, { q: '', state: '', page: 1, receivedFrom: today(), receivedTo: daysFromToday(-5) })).rejects.toMatchObject({
      fieldErrors: { receivedTo: expect.any(String) },
    });
    // Overdue: the open one once its acknowledgement is late (a week on), never the closed one.
    expect(await ids({ overdue: true })).toEqual([]);
    expect(await ids({ overdue: true, now: new Date(Date.now() + 8 * 86_400_000) })).toEqual([open]);

    // The same through the page, without JavaScript: a GET form.
    const found = await client.get(`/complaints?q=${encodeURIComponent(reference)}&state=closed`);
    expect(found.body).toContain(`href="/complaints/${complaintId}"`);
    const badDates = await client.get(
      `/complaints/organisations/${world.organisationId}/dashboard?receivedFrom-day=40&receivedFrom-month=1&receivedFrom-year=2025`,
    );
    expect(badDates.statusCode).toBe(422);
    expect(badDates.body).toContain('href="#receivedFrom-day"');
  });

  it('gives the final response as a PDF with the organisation, the date and the complainant’s address, to whoever may read the letter', async () => {
    const letter = await t.db
      .selectFrom('complaint_letter')
      .select('id')
      .where('complaint_id', '=', complaintId)
      .where('kind', '=', 'final_response')
      .executeTakeFirstOrThrow();
    const response = await world.manager.client.get(`/complaints/${complaintId}/letters/${letter.id}/pdf`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="C-[A-Z0-9-]+-final-response\.pdf"$/);
    const file = response.rawPayload;
    expect(file.subarray(0, 5).toString()).toBe('%PDF-');
    expect(file.toString('latin1').trimEnd().endsWith('%%EOF')).toBe(true);
    const text = pdfText(file).replace(/\s+/g, ' ');
    expect(text).toContain('Casework Surgery');
    expect(text).toContain('Cara Complainant');
    expect(text).toContain('NV1 2AB');
    expect(text).toContain('Our final response to C-');
    expect(text).toContain('Parliamentary and Health Service Ombudsman');
    // The complainant has their own letter as PDF too; others are told "not found".
    expect((await complainant.client.get(`/account/complaints/${complaintId}/letters/${letter.id}/pdf`)).statusCode).toBe(200);
    expect((await stranger.client.get(`/complaints/${complaintId}/letters/${letter.id}/pdf`)).statusCode).toBe(404);
    expect((await t.client().get(`/account/complaints/${complaintId}/letters/${letter.id}/pdf`)).statusCode).toBe(404);
    // The printable page has the letterhead too.
    const printable = await world.manager.client.get(`/complaints/${complaintId}/letters/${letter.id}`);
    expect(printable.body).toContain('NV1 2AB');
    expect(printable.body).toContain(`/complaints/${complaintId}/letters/${letter.id}/pdf`);
  });

  it('asks the complainant to check their answers, keeps them when changing one, and signposts advocacy', async () => {
    const person = await signedInPerson(t, { name: 'Chen Checker' });
    const form = await person.client.get(`/complaints/new?organisation=${world.organisationId}`);
    expect(form.body).toContain('NHS Complaints Advocacy');
    expect(form.body).toContain('action="/complaints/new/check"');
    const answers = goodComplaint(world.organisationId, { complainantName: 'Chen Checker', contactPreference: 'phone', contactPhone: '01632 960 001' });
    const check = await person.client.post('/complaints/new/check', answers);
    expect(check.statusCode).toBe(200);
    expect(check.body).toContain('Check your complaint before sending it');
    expect(check.body).toContain('01632 960 001');
    expect(check.body).toMatch(/summary-list__value">The nurse on Ward 7/);
    expect(check.body).toContain('name="whatHappened" value="The nurse on Ward 7');
    expect(await t.db.selectFrom('complaint').select('id').where('complainant_name', '=', 'Chen Checker').execute()).toEqual([]);
    const change = await person.client.post('/complaints/new/change', { ...answers, change: 'whatHappened' });
    expect(change.statusCode).toBe(200);
    expect(change.body).toContain('01632 960 001');
    expect(change.body).toContain('QX-41');
    const wrong = await person.client.post('/complaints/new/check', { ...answers, contactPhone: '' });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.body).toContain('href="#contactPhone"');
    const sent = await person.client.post('/complaints/new', answers);
    expect(sent.statusCode).toBe(303);
    const made = await t.db
      .selectFrom('complaint')
      .select(['id', 'contact_preference', 'contact_phone'])
      .where('complainant_name', '=', 'Chen Checker')
      .executeTakeFirstOrThrow();
    expect(made).toMatchObject({ contact_preference: 'phone', contact_phone: '01632 960 001' });
    expect((await person.client.get(`/account/complaints/${made.id}`)).body).toContain('NHS Complaints Advocacy');
  });
});
