// The documents of a consultation (the proposal, easy read and other versions), kept in the
// database with the consultation so every instance serves them.
import type { Db } from '../../platform/database.js';
import { NotFoundError, ValidationError } from '../../platform/errors.js';
import { isRecordId } from '../../platform/web/ids.js';
import { type DocumentVersion, documentVersions } from './schema.js';

export const maxDocumentBytes = 10 * 1024 * 1024;
const allowedTypes: Record<string, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  odt: 'application/vnd.oasis.opendocument.text',
  txt: 'text/plain; charset=utf-8',
  mp3: 'audio/mpeg',
  mp4: 'video/mp4',
  png: 'image/png',
  jpg: 'image/jpeg',
};

export interface DocumentUpload {
  title: string;
  version: string;
  fileName: string;
  content: Buffer | null;
}

/** Check an upload: the message by field, or the type to serve it as. */
export function checkDocument(upload: DocumentUpload): { errors: Record<string, string> } | { contentType: string; version: DocumentVersion } {
  const errors: Record<string, string> = {};
  if (!upload.title.trim()) errors.title = 'Enter a title for the document';
  else if (upload.title.length > 200) errors.title = 'The title must be 200 characters or fewer';
  if (!documentVersions.includes(upload.version as DocumentVersion)) errors.version = 'Choose which version this is';
  const extension = /\.([a-z0-9]+)$/i.exec(upload.fileName)?.[1]?.toLowerCase() ?? '';
  const contentType = allowedTypes[extension];
  if (!upload.content || upload.content.length === 0) errors.file = 'Choose a file to upload';
  else if (upload.content.length > maxDocumentBytes) errors.file = 'The file must be 10 MB or smaller';
  else if (!contentType) errors.file = 'The file must be a PDF, Word, OpenDocument, text, MP3, MP4, PNG or JPEG file';
  if (Object.keys(errors).length || !contentType) return { errors };
  return { contentType, version: upload.version as DocumentVersion };
}

export async function addDocument(db: Db, consultationId: number, upload: DocumentUpload): Promise<number> {
  const checked = checkDocument(upload);
  if ('errors' in checked) throw new ValidationError(checked.errors);
  const content = upload.content as Buffer;
  const row = await db
    .insertInto('consultation_document')
    .values({
      consultation_id: consultationId,
      title: upload.title.trim(),
      version: checked.version,
      file_name: upload.fileName.slice(-200),
      content_type: checked.contentType,
      content,
      size_bytes: content.length,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function documentOf(db: Db, consultationId: number, documentId: number) {
  if (!isRecordId(documentId)) throw new NotFoundError();
  const row = await db
    .selectFrom('consultation_document')
    .select(['file_name', 'content_type', 'content'])
    .where('consultation_id', '=', consultationId)
    .where('id', '=', documentId)
    .executeTakeFirst();
  if (!row) throw new NotFoundError();
  return { fileName: row.file_name, contentType: row.content_type, content: row.content };
}
