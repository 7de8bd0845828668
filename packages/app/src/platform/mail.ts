// Mail goes into the outbox table first, in the same transaction as the action that caused it, so
// nothing is lost when SMTP is down. A background sender delivers pending mail over SMTP and
// retries failures with a growing wait. Without SMTP_URL mail stays in the outbox, where platform
// admins can read it.
//
// Several app instances may send from one outbox: each claims the rows it is about to send (one
// short statement, `for update skip locked`, marking them claimed by it until a lease ends), sends
// them, and marks each sent as soon as SMTP accepts it. Another instance skips claimed rows, so each
// email goes once. A sender that dies holding a claim leaves it to expire; another then sends it.
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { type Kysely, sql } from 'kysely';
import nodemailer from 'nodemailer';
import type { Logger } from 'pino';
import { maskAccessLinks } from './outbox.js';
import type { Database } from './schema.js';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
}

/** Who an email is to: the address and the name they gave (the account's name, or the name on a form). */
export interface Recipient {
  email: string;
  name: string;
}

/**
 * The first line of every email: the person by the name they gave ("Dear Asha,"). A name is always
 * known where an email starts (an account has one; forms that send mail ask for one); an empty one
 * falls back to a plain "Dear reader," rather than an anonymous "Hello,".
 */
export function greeting(name: string | null | undefined): string {
  const trimmed = name?.trim().replace(/\s+/g, ' ') ?? '';
  return `Dear ${trimmed || 'reader'},`;
}

/** Queue an email. Every email is plain text (the text part is the whole email), so it is never empty. */
export async function enqueueMail(db: Kysely<Database>, mail: OutgoingMail): Promise<void> {
  if (!mail.text.trim()) throw new Error(`An email must have a text part (subject: ${mail.subject})`);
  await db.insertInto('mail_outbox').values({ to_address: mail.to, subject: mail.subject, body_text: mail.text }).execute();
}

/** Wait before the next try after `attempts` failures: 30 s, 1 min, 2 min … at most an hour. */
export function retryDelaySeconds(attempts: number): number {
  return Math.min(30 * 2 ** Math.max(0, attempts - 1), 3600);
}

export interface MailSender {
  /** Send what is due now; returns how many were sent. Safe to call at any time, on any instance. */
  sendDue(): Promise<number>;
  close(): void;
}

export interface MailSenderOptions {
  /** How long a claim on outbox rows lasts; renewed while they are still being sent. Default 5 minutes. */
  claimMs?: number;
  /** Rows claimed at a time. Default 50. */
  batchSize?: number;
  /** Batches sent by one sendDue at most (then the next call carries on). Default 20. */
  maxBatches?: number;
}

// SMTP waits, kept well inside half a claim (see sendClaimed), so one email cannot outlast its claim.
const smtpTimeouts = { connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 };

interface ClaimedMail {
  id: number;
  to_address: string;
  subject: string;
  body_text: string;
  attempts: number;
}

export function createMailSender(db: Kysely<Database>, smtpUrl: string, from: string, logger: Logger, options: MailSenderOptions = {}): MailSender {
  const claimMs = options.claimMs ?? 5 * 60_000;
  const batchSize = options.batchSize ?? 50;
  const maxBatches = options.maxBatches ?? 20;
  const transport = nodemailer.createTransport({ ...smtpTimeouts, url: smtpUrl });
  /** This sender, as named on the rows it claims. */
  const holder = `${os.hostname()}:${process.pid}:${randomUUID()}`;
  const claimUntil = sql<Date>`now() + make_interval(secs => ${claimMs / 1000})`;
  let running: Promise<number> | null = null;

  /** Claim the next due rows nobody else holds, in one statement (a transaction of its own). */
  async function claim(): Promise<ClaimedMail[]> {
    const rows = await db
      .updateTable('mail_outbox')
      .set({ claimed_by: holder, claimed_until: claimUntil })
      .where('id', 'in', (eb) =>
        eb
          .selectFrom('mail_outbox')
          .select('id')
          .where('status', '=', 'pending')
          .where('next_attempt_at', '<=', sql<Date>`now()`)
          .where((w) => w.or([w('claimed_until', 'is', null), w('claimed_until', '<', sql<Date>`now()`)]))
          .orderBy('id')
          .limit(batchSize)
          .forUpdate()
          .skipLocked(),
      )
      .returning(['id', 'to_address', 'subject', 'body_text', 'attempts'])
      .execute();
    return rows.sort((a, b) => a.id - b.id);
  }

  /** Extend the claim on rows still to send; returns the ids still held (a lapsed claim may have been taken). */
  async function renew(ids: number[]): Promise<Set<number>> {
    if (!ids.length) return new Set();
    const rows = await db
      .updateTable('mail_outbox')
      .set({ claimed_until: claimUntil })
      .where('id', 'in', ids)
      .where('claimed_by', '=', holder)
      .where('status', '=', 'pending')
      .returning('id')
      .execute();
    return new Set(rows.map((r) => r.id));
  }

  async function sendClaimed(claimed: ClaimedMail[], claimedAt: number): Promise<number> {
    let sent = 0;
    let heldSince = claimedAt;
    let held = claimed;
    for (let i = 0; i < held.length; i++) {
      // Past half the claim: renew what is left, so each email starts with at least half a claim
      // ahead of it, more than SMTP may take (smtpTimeouts). Measured from before the claim was asked
      // for, so this clock never runs behind the database's.
      if (Date.now() - heldSince > claimMs / 2) {
        const startedAt = Date.now();
        const still = await renew(held.slice(i).map((m) => m.id));
        held = [...held.slice(0, i), ...held.slice(i).filter((m) => still.has(m.id))];
        heldSince = startedAt;
        if (i >= held.length) break;
      }
      const mail = held[i] as ClaimedMail;
      try {
        await transport.sendMail({ from, to: mail.to_address, subject: mail.subject, text: mail.body_text });
      } catch (error) {
        await recordFailure(mail, error);
        continue;
      }
      // SMTP has accepted it: mark it sent at once. Only a process that dies between these two lines
      // (or loses the database for longer than the claim) can send an email twice, when another
      // instance later finds the claim expired; at-least-once is unavoidable there, so the window
      // is kept to this one statement.
      await db
        .updateTable('mail_outbox')
        .set((eb) => ({
          status: 'sent',
          sent_at: sql<Date>`now()`,
          attempts: eb('attempts', '+', 1),
          last_error: null,
          claimed_by: null,
          claimed_until: null,
          // Once delivered, a link that grants access has done its job here: keep only the masked text.
          body_text: maskAccessLinks(mail.body_text),
        }))
        .where('id', '=', mail.id)
        .execute();
      sent++;
    }
    return sent;
  }

  async function recordFailure(mail: ClaimedMail, error: unknown): Promise<void> {
    const attempts = mail.attempts + 1;
    const message = error instanceof Error ? error.message : String(error);
    await db
      .updateTable('mail_outbox')
      .set({
        attempts,
        last_error: message.slice(0, 500),
        next_attempt_at: new Date(Date.now() + retryDelaySeconds(attempts) * 1000),
        claimed_by: null,
        claimed_until: null,
      })
      .where('id', '=', mail.id)
      .where('claimed_by', '=', holder)
      .execute();
    // The address is personal data: log the outbox id only.
    logger.warn({ outboxId: mail.id, attempts, err: message }, 'mail not sent; will retry');
  }

  async function sendBatches(): Promise<number> {
    let sent = 0;
    for (let batch = 0; batch < maxBatches; batch++) {
      const claimedAt = Date.now();
      const claimed = await claim();
      sent += await sendClaimed(claimed, claimedAt);
      if (claimed.length < batchSize) break;
    }
    return sent;
  }

  return {
    // One run at a time per instance: a second call while one runs waits for it.
    sendDue() {
      if (!running) running = sendBatches().finally(() => (running = null));
      return running;
    },
    close() {
      transport.close();
    },
  };
}
