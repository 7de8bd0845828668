// The feedback module's part of a person's rights: their stories (every version of the text, themes,
// the thread under each, its moderation steps), their drafts, reports they made and their alerts; on
// closing, stories not yet published, drafts and alerts go, published stories stay under the name
// they chose unless they ask for them to be withdrawn (then they go too), and reports they made stay
// without their account.
import type { Db } from '../../platform/database.js';
import type { InvolveModule } from '../../platform/module.js';
import { type CloseAccountOptions, type Person, type PersonalRows, rowsHangingOff, withoutOtherAccounts } from '../../platform/rights.js';

async function feedbackPersonalData(db: Db, person: Person): Promise<PersonalRows> {
  const stories = await db.selectFrom('story').selectAll().where('author_account_id', '=', person.accountId).orderBy('id').execute();
  const storyIds = stories.map((s) => s.id);
  const ofStories = (table: string) => rowsHangingOff(db, table, 'story_id', storyIds);
  const subscriptions = await db.selectFrom('story_alert_subscription').selectAll().where('account_id', '=', person.accountId).orderBy('id').execute();
  const subscriptionIds = subscriptions.map((s) => s.id);
  const [versions, themes, responses, events, reports, alertsSent, uploads, drafts] = await Promise.all([
    ofStories('story_version'),
    ofStories('story_theme'),
    ofStories('story_response'),
    ofStories('story_event'),
    db.selectFrom('story_report').selectAll().where('reporter_account_id', '=', person.accountId).orderBy('id').execute(),
    subscriptionIds.length ? db.selectFrom('story_alert_sent').selectAll().where('subscription_id', 'in', subscriptionIds).execute() : [],
    db.selectFrom('fft_upload').selectAll().where('account_id', '=', person.accountId).orderBy('id').execute(),
    db.selectFrom('story_draft').selectAll().where('account_id', '=', person.accountId).orderBy('id').execute(),
  ]);
  return {
    // The search index is the text again, in another form.
    story: withoutOtherAccounts(
      person,
      stories.map(({ search_vector: _index, ...story }: (typeof stories)[number] & { search_vector?: unknown }) => story),
    ),
    story_version: withoutOtherAccounts(person, versions),
    story_theme: themes,
    // A response is public and signed; who wrote it on the organisation's side is theirs, not the author's.
    story_response: withoutOtherAccounts(person, responses),
    story_event: withoutOtherAccounts(person, events),
    story_report: withoutOtherAccounts(person, reports),
    story_alert_subscription: subscriptions,
    story_alert_sent: alertsSent,
    fft_upload: uploads,
    // Stories saved to finish later: theirs alone.
    story_draft: drafts,
  };
}

async function closeFeedbackAccount(db: Db, person: Person, options: CloseAccountOptions): Promise<void> {
  let stories = db.deleteFrom('story').where('author_account_id', '=', person.accountId);
  if (!options.withdrawStories) stories = stories.where('status', '!=', 'published');
  await stories.execute();
  await db.deleteFrom('story_alert_subscription').where('account_id', '=', person.accountId).execute();
  await db.deleteFrom('story_draft').where('account_id', '=', person.accountId).execute();
  await db.updateTable('story_report').set({ reporter_account_id: null }).where('reporter_account_id', '=', person.accountId).execute();
}

export const feedbackRights: Pick<InvolveModule, 'personalData' | 'closeAccount'> = { personalData: feedbackPersonalData, closeAccount: closeFeedbackAccount };
