// The words of the feedback emails. They carry a story's reference, its published title at most,
// and a link: the author's own words stay behind sign-in, and platform admins can read the outbox.
// The one addition, in emails to staff only: the author's communication needs, which staff must meet
// whenever they contact them (Accessible Information Standard).
import { greeting, type OutgoingMail, type Recipient } from '../../platform/mail.js';
import { needsParagraph } from './communicationNeeds.js';

export function storyReceivedMail(to: Recipient, reference: string, link: string): OutgoingMail {
  return {
    to: to.email,
    subject: `We have your story ${reference}`,
    text: `${greeting(to.name)}

Thank you for telling your story. Its reference is ${reference}.

A moderator will read it before it is published, and will remove anything that could identify you or anyone else. You can see where it has got to at any time:

${link}
`,
  };
}

export function newStoryToModerateMail(to: Recipient, reference: string, link: string, needs: readonly string[] = []): OutgoingMail {
  return {
    to: to.email,
    subject: `A new story to moderate: ${reference}`,
    text: `${greeting(to.name)}

A new story (${reference}) is waiting for moderation:

${link}

${needsParagraph(needs)}You are getting this email because you moderate stories on Involve.
`,
  };
}

export function storyPublishedMail(to: Recipient, reference: string, link: string): OutgoingMail {
  return {
    to: to.email,
    subject: `Your story ${reference} is published`,
    text: `${greeting(to.name)}

Your story ${reference} is now published. Anything that could identify a person has been removed from the published text.

Read it, and any response, here:

${link}
`,
  };
}

export function storyRejectedMail(to: Recipient, reference: string, reason: string, link: string): OutgoingMail {
  return {
    to: to.email,
    subject: `Your story ${reference} was not published`,
    text: `${greeting(to.name)}

We are sorry: your story ${reference} was not published. The moderator gave this reason:

${reason}

Your words are kept in your account, where you can read them:

${link}
`,
  };
}

export function storyAlertMail(to: Recipient, organisationName: string, title: string, link: string, needs: readonly string[] = []): OutgoingMail {
  return {
    to: to.email,
    subject: `New story about ${organisationName}: ${title}`,
    text: `${greeting(to.name)}

A new story about ${organisationName} has been published: "${title}".

Read it and respond in public:

${link}

${needsParagraph(needs)}You are getting this email because you subscribed to stories about ${organisationName}. Change your alerts in your Involve account.
`,
  };
}

export function storyDigestMail(
  to: Recipient,
  organisationName: string,
  stories: ReadonlyArray<{ title: string; link: string; needs?: readonly string[] }>,
): OutgoingMail {
  return {
    to: to.email,
    subject: `${stories.length} new ${stories.length === 1 ? 'story' : 'stories'} about ${organisationName}`,
    text: `${greeting(to.name)}

Stories about ${organisationName} published since your last digest:

${stories.map((s) => `- ${s.title}\n  ${s.link}${s.needs?.length ? `\n  The author's communication needs (Accessible Information Standard): ${s.needs.join('; ')}` : ''}`).join('\n')}

You are getting this daily digest because you subscribed to stories about ${organisationName}. Change your alerts in your Involve account.
`,
  };
}

/** What a response's change says, for the email to the author ('' when it records none). */
function changeParagraph(change: { status: 'planned' | 'made'; description: string } | null): string {
  if (!change) return '';
  return `${change.status === 'made' ? 'They have made a change because of your story' : 'They plan a change because of your story'}:

${change.description}

`;
}

/**
 * The one email a response sends: that the organisation answered, and the change it records if it
 * records one (one event, one email, saying what happened).
 */
export function responseToYourStoryMail(
  to: Recipient,
  reference: string,
  organisationName: string,
  change: { status: 'planned' | 'made'; description: string } | null,
  link: string,
): OutgoingMail {
  return {
    to: to.email,
    subject: change
      ? `${organisationName} has responded to your story ${reference}, with a change ${change.status === 'made' ? 'made' : 'planned'}`
      : `${organisationName} has responded to your story ${reference}`,
    text: `${greeting(to.name)}

${organisationName} has responded in public to your story ${reference}.

${changeParagraph(change)}Read the response, and reply if you wish:

${link}
`,
  };
}

/** A change recorded later on an existing response: what it is now. */
export function changeMadeMail(
  to: Recipient,
  reference: string,
  organisationName: string,
  change: { status: 'planned' | 'made'; description: string },
  link: string,
): OutgoingMail {
  return {
    to: to.email,
    subject: change.status === 'made' ? `A change has been made after your story ${reference}` : `A change is planned after your story ${reference}`,
    text: `${greeting(to.name)}

${organisationName} has recorded that a change ${change.status === 'made' ? 'has been made' : 'is planned'} because of your story ${reference}:

${change.description}

Read it under your story:

${link}
`,
  };
}
