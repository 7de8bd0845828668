// The words of the emails the accounts module sends. Plain text: links work in every mail client.
import { greeting, type OutgoingMail } from '../../platform/mail.js';

export function verificationMail(to: string, name: string, link: string): OutgoingMail {
  return {
    to,
    subject: 'Confirm your email address for Involve',
    text: `${greeting(name)}

Confirm your email address to finish creating your Involve account:

${link}

The link works once and expires in 24 hours.

If you did not create an account, you can ignore this email. Nobody can use the account without this link.
`,
  };
}

export function existingAccountMail(to: string, name: string, signInLink: string, resetLink: string, verifyLink: string | null): OutgoingMail {
  const confirm = verifyLink
    ? `You have not yet confirmed your email address. Confirm it with this link (it works once and expires in 24 hours):

${verifyLink}

`
    : '';
  return {
    to,
    subject: 'You already have an Involve account',
    text: `${greeting(name)}

Someone, probably you, tried to create an Involve account with this email address. You already have an account, so we have not made another.

${confirm}To sign in, go to:

${signInLink}

If you have forgotten your password, reset it here:

${resetLink}

If this was not you, you can ignore this email. Your account has not changed.
`,
  };
}

export function passwordResetMail(to: string, name: string, link: string): OutgoingMail {
  return {
    to,
    subject: 'Reset your Involve password',
    text: `${greeting(name)}

We received a request to reset the password for your Involve account. Choose a new password here:

${link}

The link works once and expires in 1 hour. When you reset your password, you are signed out everywhere.

If you did not ask to reset your password, you can ignore this email. Your password has not changed.
`,
  };
}
