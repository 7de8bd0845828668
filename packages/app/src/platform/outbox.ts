// Reading the mail outbox (platform admins; without SMTP it is where mail can be read). Links that
// grant access — a password reset, an email confirmation, anything carrying a one-time token — are
// never shown here: whoever reads the outbox must not be able to take over the account the mail was
// for. Sent mail keeps only the masked text (mail.ts masks it when SMTP accepts it).
import type { Selectable } from 'kysely';
import type { Db } from './database.js';
import { NotFoundError } from './errors.js';
import { type Actor, assertCan } from './permissions.js';
import type { MailOutboxTable } from './schema.js';

type MailOutboxRow = Selectable<MailOutboxTable>;

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

/** What stands in for a secret in a link. */
export const maskedSecret = '[link hidden: it is for the recipient only]';

// A URL whose path or query carries a long random secret (our tokens are 32 random bytes in
// base64url: 43 characters; anything of 20 or more such characters is treated as one).
const secretInUrl = /(https?:\/\/[^\s<>"]*?)(?:\/[A-Za-z0-9_-]{20,}|[?&][a-z_]*token=[A-Za-z0-9_-]{20,})[^\s<>"]*/gi;

/** The mail text with every access-granting link replaced by a note (the rest of the text kept). */
export function maskAccessLinks(text: string): string {
  return text.replace(secretInUrl, maskedSecret);
}

/** What stands in for the recipient's name in an email's greeting. */
export const maskedName = '[name hidden]';

/**
 * The greeting's name hidden ("Dear [name hidden],"): the address is on the list already, but the
 * name a person gave (on a complaint, say) is theirs and the sender's, not the platform admin's.
 */
export function maskGreeting(text: string): string {
  return text.replace(/^Dear [^\n]*?,/, `Dear ${maskedName},`);
}

type OutboxRow = Pick<MailOutboxRow, 'id' | 'to_address' | 'subject' | 'status' | 'attempts' | 'last_error' | 'created_at' | 'sent_at'>;

function entryOf(r: OutboxRow): OutboxEntry {
  return {
    id: r.id,
    to: r.to_address,
    subject: r.subject,
    status: r.status,
    attempts: r.attempts,
    lastError: r.last_error,
    createdAt: r.created_at,
    sentAt: r.sent_at,
  };
}

/** The outbox, newest first, a page at a time with the total (every email reachable, not only the newest). */
export async function listOutbox(deps: { db: Db }, actor: Actor, page = 1): Promise<{ items: OutboxEntry[]; total: number; page: number; pageSize: number }> {
  assertCan(actor, 'outbox.read');
  const shown = Math.max(page, 1);
  const [{ total }, rows] = await Promise.all([
    deps.db
      .selectFrom('mail_outbox')
      .select((eb) => eb.fn.countAll<number>().as('total'))
      .executeTakeFirstOrThrow(),
    deps.db
      .selectFrom('mail_outbox')
      .select(['id', 'to_address', 'subject', 'status', 'attempts', 'last_error', 'created_at', 'sent_at'])
      .orderBy('id', 'desc')
      .limit(outboxPageSize)
      .offset((shown - 1) * outboxPageSize)
      .execute(),
  ]);
  return { items: rows.map(entryOf), total: Number(total), page: shown, pageSize: outboxPageSize };
}

/** One email as a platform admin may read it: access-granting links and the greeting's name masked. */
export async function getOutboxMail(deps: { db: Db }, actor: Actor, id: number): Promise<OutboxEntry & { body: string }> {
  assertCan(actor, 'outbox.read');
  const r = await deps.db.selectFrom('mail_outbox').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) throw new NotFoundError();
  return { ...entryOf(r), body: maskGreeting(maskAccessLinks(r.body_text)) };
}
