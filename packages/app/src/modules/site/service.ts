// The site's public face: the organisation-specific parts of the statement pages: who runs this
// Involve (the controller in the privacy notice), how to reach them, their data protection officer,
// and an optional extra paragraph for each statement. Anyone reads them (they are printed on public
// pages, so reading has no gate); a platform admin changes them. A setting never saved shows its default.
import { recordAudit } from '../../platform/audit.js';
import type { Db } from '../../platform/database.js';
import { ValidationError } from '../../platform/errors.js';
import { type Actor, assertCan } from './policy.js';

type Kind = 'name' | 'email' | 'phone' | 'lines' | 'paragraph';

interface SettingField {
  label: string;
  hint?: string;
  kind: Kind;
  maxLength: number;
  required?: boolean;
  defaultValue: string;
}

/** Every setting, in the order the admin page shows them. */
export const siteSettingFields = {
  operatorName: {
    label: 'Name of the organisation that runs this service',
    hint: 'Shown as the operator on every statement, and as the controller in the privacy notice',
    kind: 'name',
    maxLength: 200,
    required: true,
    defaultValue: 'the organisation that runs this Involve service',
  },
  contactEmail: { label: 'Contact email address', kind: 'email', maxLength: 254, defaultValue: '' },
  contactPhone: { label: 'Contact phone number', hint: 'For example 0300 123 4567', kind: 'phone', maxLength: 30, defaultValue: '' },
  postalAddress: { label: 'Postal address', hint: 'One line of the address per line', kind: 'lines', maxLength: 500, defaultValue: '' },
  dpoName: {
    label: 'Data protection officer',
    hint: 'A name or a job title, for example Data Protection Officer',
    kind: 'name',
    maxLength: 200,
    defaultValue: '',
  },
  dpoEmail: { label: 'Data protection officer’s email address', kind: 'email', maxLength: 254, defaultValue: '' },
  accessibilityExtra: { label: 'Extra paragraph for the accessibility statement', kind: 'paragraph', maxLength: 2000, defaultValue: '' },
  privacyExtra: { label: 'Extra paragraph for the privacy notice', kind: 'paragraph', maxLength: 2000, defaultValue: '' },
  cookiesExtra: { label: 'Extra paragraph for the cookies page', kind: 'paragraph', maxLength: 2000, defaultValue: '' },
  contactExtra: { label: 'Extra paragraph for the contact page', kind: 'paragraph', maxLength: 2000, defaultValue: '' },
} as const satisfies Record<string, SettingField>;

export type SiteSettingKey = keyof typeof siteSettingFields;
export type SiteSettings = Record<SiteSettingKey, string>;

export const siteSettingKeys = Object.keys(siteSettingFields) as SiteSettingKey[];

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const phonePattern = /^\+?[\d\s()-]+$/;

const defaults = (): SiteSettings => Object.fromEntries(siteSettingKeys.map((k) => [k, siteSettingFields[k].defaultValue])) as SiteSettings;

/** The settings as the statement pages print them: saved values over the defaults. */
export async function readSiteSettings(db: Db): Promise<SiteSettings> {
  const rows = await db.selectFrom('site_setting').select(['key', 'value']).execute();
  const settings = defaults();
  for (const row of rows) if (row.key in settings) settings[row.key as SiteSettingKey] = row.value;
  return settings;
}

/** The settings for the admin page, with when they were last changed. */
export async function siteSettingsForEditing(deps: { db: Db }, actor: Actor): Promise<{ settings: SiteSettings; updatedAt: Date | null }> {
  assertCan(actor, 'site.edit');
  const [settings, latest] = await Promise.all([
    readSiteSettings(deps.db),
    deps.db
      .selectFrom('site_setting')
      .select((s) => s.fn.max('updated_at').as('at'))
      .executeTakeFirst(),
  ]);
  return { settings, updatedAt: latest?.at ? new Date(latest.at) : null };
}

function problemWith(field: SettingField, value: string): string | null {
  const name = field.label.charAt(0).toUpperCase() + field.label.slice(1);
  if (!value) return field.required ? `Enter the ${field.label.toLowerCase()}` : null;
  if (value.length > field.maxLength) return `${name} must be ${field.maxLength} characters or fewer (it has ${value.length})`;
  if (field.kind === 'email' && !emailPattern.test(value)) return `Enter the ${field.label.toLowerCase()} in the correct format, like name@example.org`;
  if (field.kind === 'phone' && (!phonePattern.test(value) || value.replace(/\D/g, '').length < 6)) {
    return `Enter the ${field.label.toLowerCase()} using numbers, spaces and brackets only, like 0300 123 4567`;
  }
  if ((field.kind === 'name' || field.kind === 'email' || field.kind === 'phone') && /[\r\n]/.test(value)) return `${name} must be on one line`;
  return null;
}

/** Every setting checked from what a form sent, trimmed; a ValidationError names each field wrong. */
export function checkSiteSettings(input: Record<string, unknown>): SiteSettings {
  const settings = defaults();
  const errors: Record<string, string> = {};
  for (const key of siteSettingKeys) {
    const raw = input[key];
    const value = (typeof raw === 'string' ? raw : '').replace(/\r\n/g, '\n').trim();
    const problem = problemWith(siteSettingFields[key], value);
    if (problem) errors[key] = problem;
    settings[key] = value;
  }
  if (Object.keys(errors).length) throw new ValidationError(errors);
  return settings;
}

/**
 * Save every setting in one go (a platform admin). A value equal to its default is stored as unset,
 * so a better default in a later release reaches it. Returns the keys that changed (audited by name).
 */
export async function saveSiteSettings(deps: { db: Db }, actor: Actor, input: Record<string, unknown>): Promise<SiteSettingKey[]> {
  assertCan(actor, 'site.edit');
  const wanted = checkSiteSettings(input);
  return deps.db.transaction().execute(async (trx) => {
    const current = await readSiteSettings(trx);
    const changed = siteSettingKeys.filter((key) => current[key] !== wanted[key]);
    for (const key of changed) {
      if (wanted[key] === siteSettingFields[key].defaultValue) {
        await trx.deleteFrom('site_setting').where('key', '=', key).execute();
        continue;
      }
      const row = { value: wanted[key], updated_at: new Date(), updated_by: actor.accountId };
      await trx
        .insertInto('site_setting')
        .values({ key, ...row })
        .onConflict((oc) => oc.column('key').doUpdateSet(row))
        .execute();
    }
    if (changed.length) await recordAudit(trx, actor, { action: 'site.settings.save', subjectType: 'site_setting', detail: { keys: changed } });
    return changed;
  });
}
