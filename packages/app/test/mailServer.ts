// A real SMTP server for tests (the smtp-server package): it accepts every message and keeps it, so
// tests read the emails Involve sends, links and all.
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string[];
  raw: string;
  subject: string;
  text: string;
}

export class TestMailServer {
  readonly received: ReceivedMail[] = [];
  private server: SMTPServer;
  private waiters: Array<() => void> = [];
  port = 0;
  /** While true the server refuses every message (to test retries). */
  refuse = false;

  constructor() {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          if (this.refuse) return callback(new Error('mailbox unavailable (test)'));
          const raw = Buffer.concat(chunks).toString('utf8');
          // A long header is folded onto more lines (RFC 5322): unfold the headers before reading it.
          const headers = (raw.split(/\r?\n\r?\n/)[0] ?? '').replace(/\r?\n[ \t]+/g, ' ');
          const subject = /^Subject: (.*)$/m.exec(headers)?.[1]?.trim() ?? '';
          const body = raw
            .split(/\r?\n\r?\n/)
            .slice(1)
            .join('\n\n');
          const text = decodeQuotedPrintable(body);
          this.received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw, subject, text });
          for (const w of this.waiters.splice(0)) w();
          callback();
        });
      },
    });
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', () => resolve()));
    const address = this.server.server.address();
    this.port = typeof address === 'object' && address ? address.port : 0;
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** Wait until a message to `to` has arrived (polls the app's sender through `kick`). */
  async waitFor(to: string, kick: () => Promise<unknown> | unknown, timeoutMs = 10_000): Promise<ReceivedMail> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.received.filter((m) => m.to.includes(to.toLowerCase()) || m.to.includes(to)).at(-1);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`No mail to ${to} within ${timeoutMs} ms`);
      await kick();
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** Wait for the first message to `to` that `matches`, kicking the app's sender between looks. */
  async waitForMatching(
    to: string,
    matches: (mail: ReceivedMail) => boolean,
    kick: () => Promise<unknown> | unknown,
    timeoutMs = 15_000,
  ): Promise<ReceivedMail> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.received.find((m) => m.to.includes(to.toLowerCase()) && matches(m));
      if (found) return found;
      if (Date.now() > deadline) {
        throw new Error(`No matching mail to ${to} within ${timeoutMs} ms; got: ${this.received.filter((m) => m.to.includes(to)).map((m) => m.subject)}`);
      }
      await kick();
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

function decodeQuotedPrintable(text: string): string {
  if (!/=\r?\n|=[0-9A-F]{2}/.test(text)) return text;
  return text.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}
