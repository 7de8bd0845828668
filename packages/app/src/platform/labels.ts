// Plain-English names for the codes stored in the database (organisation types, roles, kinds).
// Each module declares its own in one place (its labels.ts, with defineLabels); pages, the API docs
// and error messages read them through labelFor and the templates' `label` filter.
const labels = new Map<string, string>();

/** Add a module's labels (registered when its labels.ts is first imported). */
export function defineLabels<const T extends Record<string, string>>(entries: T): T {
  for (const [code, label] of Object.entries(entries)) labels.set(code, label);
  return entries;
}

export function labelFor(code: string): string {
  return labels.get(code) ?? code;
}

// The roles are the permission gate's vocabulary (permissions.ts), so their names are the platform's.
defineLabels({
  platform_admin: 'Platform admin',
  admin: 'Organisation admin',
  responder: 'Responder',
  moderator: 'Moderator',
  complaints_manager: 'Complaints manager',
  member: 'Member',
  link_worker: 'Social prescribing link worker',
  referrer: 'Refers people to social prescribing',
});
