// A story author's communication needs, for the staff who handle their story (Accessible Information
// Standard): the moderators, on the moderation page and in the email asking them to moderate it, and
// the organisation's responders, on the story's page and in their alerts and digests. As the author
// agreed: nothing when they chose not to share them. Never on a public page, in the API or a feed.
import type { Db } from '../../platform/database.js';
import { communicationNeedsToShow } from '../accounts/service.js';

/**
 * The needs of the person whose story it is, as plain lines ("An interpreter: Urdu"), or [] when none
 * or not shared. A story that belongs to no account, or that a staff member entered for someone and
 * kept under their own account, has no needs held for the person: the account is not theirs.
 */
export async function authorCommunicationNeeds(db: Db, story: { author_account_id: number | null; entered_by_account_id: number | null }): Promise<string[]> {
  if (story.author_account_id === null || story.author_account_id === story.entered_by_account_id) return [];
  return communicationNeedsToShow(db, story.author_account_id);
}

/** The needs for an email to staff, as a paragraph and a list ('' when none). */
export function needsParagraph(needs: readonly string[]): string {
  if (!needs.length) return '';
  return `The person who told this story has told Involve about their communication needs (Accessible Information Standard). Meet them whenever you contact them:
${needs.map((need) => `- ${need}`).join('\n')}

`;
}
