// The documents of a consultation (the proposal, easy read and other versions), kept in the
// database with the consultation so every instance serves them. Which files are taken, and how they
// are sent back, is the platform's (platform/uploads.ts).
import type { Db } from '../../platform/database.js';
import { NotFoundError, ValidationError } from '../../platform/errors.js';
import { checkUpload, type StoredFile } from '../../platform/uploads.js';
import { isRecordId } from '../../platform/web/ids.js';
import { type DocumentVersion, documentVersions } from './schema.js';

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
  const file = checkUpload(upload.fileName, upload.content);
  if ('error' in file) errors.file = file.error;
  if (Object.keys(errors).length || 'error' in file) return { errors };
  return { contentType: file.contentType, version: upload.version as DocumentVersion };
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

export async function documentOf(db: Db, consultationId: number, documentId: number): Promise<StoredFile> {
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
