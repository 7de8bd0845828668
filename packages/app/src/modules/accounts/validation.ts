// Checks shared by the accounts forms: each returns a message that names the field, or null.
export const maxNameLength = 200;
export const minPasswordLength = 10;
export const maxPasswordLength = 200;

export function checkName(name: string, field: 'Name' | 'Display name' = 'Name'): string | null {
  if (field === 'Name' && !name.trim()) return 'Enter your name';
  if (name.trim().length > maxNameLength) return `${field} must be ${maxNameLength} characters or fewer`;
  return null;
}

export function checkNewPassword(password: string, field: 'Password' | 'New password' = 'Password'): string | null {
  if (!password) return field === 'Password' ? 'Enter a password' : 'Enter a new password';
  if (password.length < minPasswordLength) return `${field} must be at least ${minPasswordLength} characters`;
  if (password.length > maxPasswordLength) return `${field} must be ${maxPasswordLength} characters or fewer`;
  return null;
}

export function checkConfirmation(password: string, confirmation: string): string | null {
  if (!confirmation) return 'Confirm your password';
  if (password !== confirmation) return 'Passwords do not match: type the same password twice';
  return null;
}

/** Field name → message, leaving out the checks that passed. */
export function collectErrors(checks: Record<string, string | null>): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const [field, message] of Object.entries(checks)) if (message) errors[field] = message;
  return errors;
}
