// Files people upload (a consultation's documents, a meeting's papers) and how they are sent back:
// the kinds of file Involve takes, the size limit, and a download a browser never runs as a page.
// Each module keeps its files in its own tables; this is only the rules they share.
import type { FastifyReply } from 'fastify';

export const maxUploadBytes = 10 * 1024 * 1024;

const contentTypes: Record<string, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  odt: 'application/vnd.oasis.opendocument.text',
  txt: 'text/plain; charset=utf-8',
  mp3: 'audio/mpeg',
  mp4: 'video/mp4',
  png: 'image/png',
  jpg: 'image/jpeg',
};

/** The kinds of file taken, as a hint under a file field says them. */
export const uploadKindsHint = 'PDF, Word, OpenDocument, text, MP3, MP4, PNG or JPEG, up to 10 MB';

/** A file as kept and served. */
export interface StoredFile {
  fileName: string;
  contentType: string;
  content: Buffer;
}

/**
 * Check an uploaded file by its name's extension and its size: the type to serve it as, or the
 * message saying what to do (for the form's file field).
 */
export function checkUpload(fileName: string, content: Buffer | null): { contentType: string; fileName: string } | { error: string } {
  if (!content || content.length === 0) return { error: 'Choose a file to upload' };
  if (content.length > maxUploadBytes) return { error: 'The file must be 10 MB or smaller' };
  const extension = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? '';
  const contentType = contentTypes[extension];
  if (!contentType) return { error: 'The file must be a PDF, Word, OpenDocument, text, MP3, MP4, PNG or JPEG file' };
  // The end of a long name is kept: that is where its extension is.
  return { contentType, fileName: fileName.slice(-200) };
}

/** Send a stored file as a download: never shown inline, never sniffed as another type. */
export function sendDownload(reply: FastifyReply, file: StoredFile): FastifyReply {
  return reply
    .header('content-disposition', `attachment; filename="${file.fileName.replace(/[^\w.-]/g, '_')}"`)
    .header('x-content-type-options', 'nosniff')
    .type(file.contentType)
    .send(file.content);
}
