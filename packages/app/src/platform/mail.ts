// Mail goes into the outbox table first, in the same transaction as the action that caused it, so
// nothing is lost when SMTP is down. A background sender delivers pending mail over SMTP and
// retries failures with a growing wait. Without SMTP_URL mail stays in the outbox, where platform
// admins can read it.
import type { Kysely } from 'kysely';
import nodemailer from 'nodemailer';
import type { Logger } from 'pino';
import type { Database } from './schema.js';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
}

export async function enqueueMail(db: Kysely<Database>, mail: OutgoingMail): Promise<void> {
  await db.insertInto('mail_outbox').values({ to_address: mail.to, subject: mail.subject, body_text: mail.text }).execute();
}

/** Wait before the next try after `attempts` failures: 30 s, 1 min, 2 min … at most an hour. */
export function retryDelaySeconds(attempts: number): number {
  return Math.min(30 * 2 ** Math.max(0, attempts - 1), 3600);
}

export interface MailSender {
  /** Send what is due now; returns how many were sent. Safe to call at any time. */
  sendDue(): Promise<number>;
  close(): void;
}

export function createMailSender(db: Kysely<Database>, smtpUrl: string, from: string, logger: Logger): MailSender {
  const transport = nodemailer.createTransport(smtpUrl);
  let running: Promise<number> | null = null;

  async function sendBatch(): Promise<number> {
    const due = await db
      .selectFrom('mail_outbox')
      .select(['id', 'to_address', 'subject', 'body_text', 'attempts'])
      .where('status', '=', 'pending')
      .where('next_attempt_at', '<=', new Date())
      .orderBy('id')
      .limit(50)
      .execute();
    let sent = 0;
    for (const mail of due) {
      try {
        await transport.sendMail({ from, to: mail.to_address, subject: mail.subject, text: mail.body_text });
        await db
          .updateTable('mail_outbox')
          .set({ status: 'sent', sent_at: new Date(), attempts: mail.attempts + 1, last_error: null })
          .where('id', '=', mail.id)
          .execute();
        sent++;
      } catch (error) {
        const attempts = mail.attempts + 1;
        const message = error instanceof Error ? error.message : String(error);
        await db
          .updateTable('mail_outbox')
          .set({ attempts, last_error: message.slice(0, 500), next_attempt_at: new Date(Date.now() + retryDelaySeconds(attempts) * 1000) })
          .where('id', '=', mail.id)
          .execute();
        // The address is personal data: log the outbox id only.
        logger.warn({ outboxId: mail.id, attempts, err: message }, 'mail not sent; will retry');
      }
    }
    return sent;
  }

  return {
    // One batch at a time: a second call while one runs waits for it instead of double-sending.
    sendDue() {
      if (!running) running = sendBatch().finally(() => (running = null));
      return running;
    },
    close() {
      transport.close();
    },
  };
}
