// The mail outbox as platform admins see it: without SMTP this is where mail can be read.
import type { Db } from '../../platform/database.js';
import { NotFoundError } from '../../platform/errors.js';
import { type Actor, assertCan } from './policy.js';

export interface OutboxEntry {
  id: number;
  to: string;
  subject: string;
  status: 'pending' | 'sent';
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  sentAt: Date | null;
}

export const outboxPageSize = 100;

export async function listOutbox(deps: { db: Db }, actor: Actor): Promise<OutboxEntry[]> {
  assertCan(actor, 'outbox.read');
  const rows = await deps.db
    .selectFrom('mail_outbox')
    .select(['id', 'to_address', 'subject', 'status', 'attempts', 'last_error', 'created_at', 'sent_at'])
    .orderBy('id', 'desc')
    .limit(outboxPageSize)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    to: r.to_address,
    subject: r.subject,
    status: r.status,
    attempts: r.attempts,
    lastError: r.last_error,
    createdAt: r.created_at,
    sentAt: r.sent_at,
  }));
}

export async function getOutboxMail(deps: { db: Db }, actor: Actor, id: number): Promise<OutboxEntry & { body: string }> {
  assertCan(actor, 'outbox.read');
  const r = await deps.db.selectFrom('mail_outbox').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) throw new NotFoundError();
  return {
    id: r.id,
    to: r.to_address,
    subject: r.subject,
    status: r.status,
    attempts: r.attempts,
    lastError: r.last_error,
    createdAt: r.created_at,
    sentAt: r.sent_at,
    body: r.body_text,
  };
}

/** Plain text as paragraphs of lines of runs (see linkify), for showing an email as HTML. */
export function mailParagraphs(text: string): Array<Array<Array<{ text: string; href?: string }>>> {
  return text
    .replace(/\r\n/g, '\n')
    .split(/\n{2,}/)
    .filter((p) => p.trim())
    .map((p) => p.split('\n').map(linkify));
}

/** Split plain text into runs of text and web links, so a template can make the links clickable without trusting the text. */
export function linkify(text: string): Array<{ text: string; href?: string }> {
  const parts: Array<{ text: string; href?: string }> = [];
  const pattern = /https?:\/\/[^\s<>"]+[^\s<>".,;:!?)]/g;
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    const start = match.index ?? 0;
    if (start > last) parts.push({ text: text.slice(last, start) });
    parts.push({ text: match[0], href: match[0] });
    last = start + match[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last) });
  return parts;
}
