// The words of the emails followers get: one at once per event, or one weekly digest. Plain text
// (links work in every mail client); each ends with where to change or stop what they follow.
import { greeting } from '../../platform/mail.js';
import type { FollowTopic } from './schema.js';

export const topicLabels: Record<FollowTopic, string> = {
  consultations: 'New consultations',
  meetings: 'Meetings and papers',
  decisions: 'Decisions',
};

export interface NoticeText {
  topic: FollowTopic;
  subject: string;
  summary: string;
  /** Absolute. */
  link: string;
}

const footer = (manageLink: string, why: string) =>
  `\n--\nYou get this email because you follow places, organisations or boards on Involve ${why}.\nChange what you hear about, or stop following:\n${manageLink}\n`;

export function immediateMail(name: string, notice: NoticeText, manageLink: string): { subject: string; text: string } {
  return {
    subject: notice.subject,
    text: `${greeting(name)}\n\n${notice.subject}\n\n${notice.summary ? `${notice.summary}\n\n` : ''}${notice.link}\n${footer(manageLink, `and asked to hear about ${topicLabels[notice.topic].toLowerCase()} at once`)}`,
  };
}

export function digestMail(name: string, items: readonly NoticeText[], manageLink: string): { subject: string; text: string } {
  const sections = (Object.keys(topicLabels) as FollowTopic[])
    .map((topic) => {
      const mine = items.filter((i) => i.topic === topic);
      if (!mine.length) return '';
      const lines = mine.map((i) => `- ${i.subject}\n${i.summary ? `  ${i.summary.replace(/\n+/g, '\n  ')}\n` : ''}  ${i.link}\n`);
      return `${topicLabels[topic]}\n\n${lines.join('\n')}`;
    })
    .filter(Boolean);
  const count = items.length === 1 ? '1 new item' : `${items.length} new items`;
  return {
    subject: `Your weekly update from Involve: ${count}`,
    text: `${greeting(name)}\n\nThis is what happened last week in what you follow.\n\n${sections.join('\n')}${footer(manageLink, 'and asked for a weekly email')}`,
  };
}
