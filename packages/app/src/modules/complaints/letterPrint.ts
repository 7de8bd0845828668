// Letters as letters: the organisation's name and address at the top, the date, the complainant's
// name and postal address (when they gave one), then the letter as sent with its sign-off. The same
// letterhead serves the printable page and the PDF (pdfkit, standard fonts, nothing fetched). Who may
// read a letter, and the record of each read, are viewLetter's (service.ts).
import PDFDocument from 'pdfkit';
import { formatDate } from '../../platform/views.js';
import { getOrganisation } from '../registry/service.js';
import type { Actor } from './policy.js';
import { type ComplaintsDeps, type LetterDetail, type Viewer, viewLetter } from './service.js';

export interface Letterhead {
  organisationName: string;
  organisationAddress: string[];
  date: string;
  recipientName: string;
  recipientAddress: string[];
  reference: string;
}

export interface PrintableLetter {
  letter: LetterDetail;
  complaint: { id: number; reference: string; organisationName: string };
  viewer: Viewer;
  letterhead: Letterhead;
}

function lines(text: string | null | undefined): string[] {
  return (text ?? '')
    .split(/\r?\n|,\s*/)
    .map((l) => l.trim())
    .filter(Boolean);
}

/** A letter with its letterhead, if the actor may read it (the view is recorded, as for the page). */
export async function printableLetter(
  deps: ComplaintsDeps,
  actor: Actor,
  complaintId: number,
  letterId: number,
  options: { viewerName: string; as?: Viewer },
): Promise<PrintableLetter | { redirect: Viewer }> {
  const result = await viewLetter(deps, actor, complaintId, letterId, options);
  if ('redirect' in result) return result;
  const row = await deps.db
    .selectFrom('complaint')
    .select(['organisation_id', 'complainant_name', 'postal_address'])
    .where('id', '=', result.complaint.id)
    .executeTakeFirstOrThrow();
  const organisation = await getOrganisation(deps.db, row.organisation_id);
  const organisationAddress = lines(organisation?.address);
  if (organisation?.postcode && !organisationAddress.some((l) => l.includes(organisation.postcode as string))) organisationAddress.push(organisation.postcode);
  return {
    ...result,
    letterhead: {
      organisationName: result.complaint.organisationName,
      organisationAddress,
      date: formatDate(result.letter.sentOn),
      recipientName: row.complainant_name,
      recipientAddress: lines(row.postal_address),
      reference: result.complaint.reference,
    },
  };
}

/** The letter as a PDF (A4, uncompressed so its text can be read back by any PDF reader or test). */
export function letterPdf(letterhead: Letterhead, body: string, title: string): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 56, compress: false, info: { Title: title, Author: letterhead.organisationName } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const width = doc.page.width - 112;
  doc.font('Helvetica-Bold').fontSize(14).text(letterhead.organisationName, { align: 'right', width });
  doc.font('Helvetica').fontSize(10);
  for (const line of letterhead.organisationAddress) doc.text(line, { align: 'right', width });
  doc.moveDown(2).fontSize(11);
  doc.text(letterhead.recipientName);
  for (const line of letterhead.recipientAddress) doc.text(line);
  doc.moveDown();
  doc.text(letterhead.date);
  doc.text(`Reference: ${letterhead.reference}`);
  doc.moveDown();
  for (const paragraph of body.replace(/\r\n/g, '\n').split(/\n\s*\n/)) {
    if (!paragraph.trim()) continue;
    doc.text(paragraph.trim(), { width, lineGap: 2 });
    doc.moveDown(0.8);
  }
  doc.end();
  return done;
}
