// Documents kept with a complaint (PDF, PNG, JPEG, Word): which files are taken, checked by their
// first bytes as well as their name (a renamed program is refused), the size limit (a setting), and
// where the bytes live: in the database by default, or in the folder ATTACHMENTS_DIR names. Never
// public: the case-work service hands a file only to the complaints team of its organisation.
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';

export const defaultAttachmentMaxBytes = 10 * 1024 * 1024;

type Kind = 'pdf' | 'png' | 'jpeg' | 'docx' | 'doc';

const kinds: Record<Kind, { contentType: string; extensions: string[]; looksRight: (bytes: Buffer) => boolean }> = {
  pdf: { contentType: 'application/pdf', extensions: ['pdf'], looksRight: (b) => startsWith(b, [0x25, 0x50, 0x44, 0x46, 0x2d]) },
  png: { contentType: 'image/png', extensions: ['png'], looksRight: (b) => startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  jpeg: { contentType: 'image/jpeg', extensions: ['jpg', 'jpeg'], looksRight: (b) => startsWith(b, [0xff, 0xd8, 0xff]) },
  // A .docx is a zip archive holding the document under word/.
  docx: {
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extensions: ['docx'],
    looksRight: (b) => startsWith(b, [0x50, 0x4b, 0x03, 0x04]) && b.includes('word/'),
  },
  // A .doc is an OLE2 compound file.
  doc: { contentType: 'application/msword', extensions: ['doc'], looksRight: (b) => startsWith(b, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]) },
};

function startsWith(bytes: Buffer, magic: readonly number[]): boolean {
  return bytes.length >= magic.length && magic.every((byte, i) => bytes[i] === byte);
}

/** The size limit as people read it: "10 MB". */
export function megabytes(bytes: number): string {
  return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
}

export const attachmentKindsText = 'a PDF, a PNG or JPEG image, or a Word document (.docx or .doc)';

/**
 * Check an uploaded file: its type (by name and first bytes) and size, or the message for the file
 * field. The name kept is the last part of what the sender's computer called it, at most 200 characters.
 */
export function checkAttachment(fileName: string, content: Buffer | null, maxBytes: number): { contentType: string; fileName: string } | { error: string } {
  if (!content || content.length === 0) return { error: content ? 'The file is empty. Choose a file with something in it' : 'Choose a file to attach' };
  if (content.length > maxBytes) return { error: `The file must be ${megabytes(maxBytes)} or smaller` };
  const name =
    (fileName.split(/[\\/]/).pop() ?? '')
      .replace(/\p{Cc}/gu, '')
      .trim()
      .slice(-200) || 'attachment';
  const extension = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase() ?? '';
  const kind = (Object.keys(kinds) as Kind[]).find((k) => kinds[k].extensions.includes(extension));
  if (!kind) return { error: `The file must be ${attachmentKindsText}` };
  if (!kinds[kind].looksRight(content)) {
    return { error: `The file is called .${extension} but is not a real ${kind === 'jpeg' ? 'JPEG' : kind.toUpperCase()} file. Attach ${attachmentKindsText}` };
  }
  return { contentType: kinds[kind].contentType, fileName: name };
}

/** A name safe in a Content-Disposition header: ASCII letters, digits, dots, dashes and underscores. */
export function safeFileName(name: string): string {
  const safe = name.replace(/[^\w.-]+/g, '_').replace(/^[._]+/, '');
  return safe.slice(-150) || 'attachment';
}

/** Where an attachment's bytes go: { content } for the database, { storedName } for the folder. */
export async function storeAttachmentBytes(
  folder: string | undefined,
  content: Buffer,
  fileName: string,
): Promise<{ content: Buffer | null; storedName: string | null }> {
  if (!folder) return { content, storedName: null };
  // A random name: nothing the sender typed reaches the file system.
  const extension = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? 'bin';
  const storedName = `${randomUUID()}.${extension}`;
  await mkdir(folder, { recursive: true });
  await writeFile(path.join(folder, storedName), content, { flag: 'wx' });
  return { content: null, storedName };
}

/** Remove a file written for an attachment whose row was never stored. */
export async function forgetStoredBytes(folder: string | undefined, storedName: string | null): Promise<void> {
  if (folder && storedName) await unlink(path.join(folder, storedName)).catch(() => {});
}

/** The bytes of a stored attachment, or null when its file is gone from the folder. */
export async function readAttachmentBytes(folder: string | undefined, row: { content: Buffer | null; stored_name: string | null }): Promise<Buffer | null> {
  // PGlite gives bytea as a Uint8Array, pg as a Buffer.
  if (row.content) return Buffer.from(row.content);
  if (!row.stored_name || !folder || !/^[\w-]+\.[a-z0-9]+$/.test(row.stored_name)) return null;
  return readFile(path.join(folder, row.stored_name)).catch(() => null);
}
