// The words of the feedback emails. They carry a story's reference, its published title at most,
// and a link: the author's own words stay behind sign-in, and platform admins can read the outbox.
// The one addition, in emails to staff only: the author's communication needs, which staff must meet
// whenever they contact them (Accessible Information Standard).
import type { OutgoingMail } from '../../platform/mail.js';
import { needsParagraph } from './communicationNeeds.js';

export function storyReceivedMail(to: string, reference: string, link: string): OutgoingMail {
  return {
    to,
    subject: `We have your story ${reference}`,
    text: `Hello,

Thank you for telling your story. Its reference is ${reference}.

A moderator will read it before it is published, and will remove anything that could identify you or anyone else. You can see where it has got to at any time:

${link}
`,
  };
}

export function newStoryToModerateMail(to: string, reference: string, link: string, needs: readonly string[] = []): OutgoingMail {
  return {
    to,
    subject: `A new story to moderate: ${reference}`,
    text: `Hello,

A new story (${reference}) is waiting for moderation:

${link}

${needsParagraph(needs)}You are getting this email because you moderate stories on Involve.
`,
  };
}

export function storyPublishedMail(to: string, reference: string, link: string): OutgoingMail {
  return {
    to,
    subject: `Your story ${reference} is published`,
    text: `Hello,

Your story ${reference} is now published. Anything that could identify a person has been removed from the published text.

Read it, and any response, here:

${link}
`,
  };
}

export function storyRejectedMail(to: string, reference: string, reason: string, link: string): OutgoingMail {
  return {
    to,
    subject: `Your story ${reference} was not published`,
    text: `Hello,

We are sorry: your story ${reference} was not published. The moderator gave this reason:

${reason}

Your words are kept in your account, where you can read them:

${link}
`,
  };
}

export function storyAlertMail(to: string, organisationName: string, title: string, link: string, needs: readonly string[] = []): OutgoingMail {
  return {
    to,
    subject: `New story about ${organisationName}: ${title}`,
    text: `Hello,

A new story about ${organisationName} has been published: "${title}".

Read it and respond in public:

${link}

${needsParagraph(needs)}You are getting this email because you subscribed to stories about ${organisationName}. Change your alerts in your Involve account.
`,
  };
}

export function storyDigestMail(
  to: string,
  organisationName: string,
  stories: ReadonlyArray<{ title: string; link: string; needs?: readonly string[] }>,
): OutgoingMail {
  return {
    to,
    subject: `${stories.length} new ${stories.length === 1 ? 'story' : 'stories'} about ${organisationName}`,
    text: `Hello,

Stories about ${organisationName} published since your last digest:

${stories.map((s) => `- ${s.title}\n  ${s.link}${s.needs?.length ? `\n  The author's communication needs (Accessible Information Standard): ${s.needs.join('; ')}` : ''}`).join('\n')}

You are getting this daily digest because you subscribed to stories about ${organisationName}. Change your alerts in your Involve account.
`,
  };
}

export function responseToYourStoryMail(to: string, reference: string, organisationName: string, link: string): OutgoingMail {
  return {
    to,
    subject: `${organisationName} has responded to your story ${reference}`,
    text: `Hello,

${organisationName} has responded in public to your story ${reference}. Read the response, and reply if you wish:

${link}
`,
  };
}

export function changeMadeMail(to: string, reference: string, organisationName: string, status: 'planned' | 'made', link: string): OutgoingMail {
  return {
    to,
    subject: status === 'made' ? `A change has been made after your story ${reference}` : `A change is planned after your story ${reference}`,
    text: `Hello,

${organisationName} has recorded that a change ${status === 'made' ? 'has been made' : 'is planned'} because of your story ${reference}:

${link}
`,
  };
}
