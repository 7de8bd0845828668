// The words of the emails about a person's rights: confirming a new address (sent to it), telling
// the old address it changed, and telling an address that already has an account that nothing moved.
import { greeting, type OutgoingMail } from '../../platform/mail.js';

export function confirmNewEmailMail(to: string, name: string, link: string): OutgoingMail {
  return {
    to,
    subject: 'Confirm your new email address for Involve',
    text: `${greeting(name)}

You asked to use this email address for your Involve account. Confirm it with this link:

${link}

The link works once and expires in 24 hours. Until you follow it, your account keeps its old address.

If you did not ask for this, you can ignore this email. Nothing changes without this link.
`,
  };
}

export function emailChangedMail(to: string, name: string, newEmail: string, signInLink: string): OutgoingMail {
  return {
    to,
    subject: 'Your Involve email address has been changed',
    text: `${greeting(name)}

The email address of your Involve account has been changed from this address to ${newEmail}. Emails from Involve will now go there, and you sign in with it.

If you did not make this change, someone may know your password. Reset your password from the sign-in page, ${signInLink}, and contact us.
`,
  };
}

export function addressInUseMail(to: string, name: string, signInLink: string): OutgoingMail {
  return {
    to,
    subject: 'Someone tried to use this address for an Involve account',
    text: `${greeting(name)}

Someone, perhaps you, asked to move an Involve account to this email address. This address already belongs to an Involve account, so nothing has changed.

To sign in with this address, go to ${signInLink}

If this was not you, you can ignore this email.
`,
  };
}
