// The mail outbox as platform admins see it: without SMTP this is where mail can be read.
// Reading the outbox is the platform's (platform/outbox.ts, which masks access-granting links); this
// file only shapes an email's text for the page.
export { getOutboxMail, listOutbox, type OutboxEntry, outboxPageSize } from '../../platform/outbox.js';

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
