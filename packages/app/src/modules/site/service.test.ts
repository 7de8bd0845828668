// The site's settings without HTTP: each wrong value named by its field (an email not an email, a
// phone with letters, too long, a name over two lines, no operator); on a real database, only a
// platform admin saves, a value equal to its default is stored as unset, and readers see defaults.
import { expect, it } from 'vitest';
import { describeWithTestDatabase } from '../../../test/testDatabase.js';
import { ForbiddenError, ValidationError } from '../../platform/errors.js';
import type { Actor } from './policy.js';
import { checkSiteSettings, readSiteSettings, saveSiteSettings, siteSettingFields } from './service.js';

const fieldsWrong = (input: Record<string, unknown>) => {
  try {
    checkSiteSettings(input);
    return [];
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    return Object.keys(error.fieldErrors).sort();
  }
};

it('names each field that is wrong, and trims what is right', () => {
  expect(fieldsWrong({ operatorName: 'Northvale ICB' })).toEqual([]);
  expect(
    fieldsWrong({
      operatorName: ' ',
      contactEmail: 'nope',
      dpoEmail: 'a@b',
      contactPhone: '0300 CALL US',
      postalAddress: 'x'.repeat(501),
      dpoName: 'Two\nlines',
    }),
  ).toEqual(['contactEmail', 'contactPhone', 'dpoEmail', 'dpoName', 'operatorName', 'postalAddress']);
  expect(fieldsWrong({ operatorName: 'Northvale ICB', contactPhone: '123' })).toEqual(['contactPhone']);
  expect(fieldsWrong({ operatorName: 'Northvale ICB', privacyExtra: 'x'.repeat(2001) })).toEqual(['privacyExtra']);
  expect(fieldsWrong({ operatorName: ['Northvale ICB'] })).toEqual(['operatorName']);
  const checked = checkSiteSettings({ operatorName: '  Northvale ICB ', contactPhone: '+44 (0)300 123 4567', postalAddress: 'One\r\nTwo\r\n' });
  expect([checked.operatorName, checked.contactPhone, checked.postalAddress, checked.contactEmail]).toEqual([
    'Northvale ICB',
    '+44 (0)300 123 4567',
    'One\nTwo',
    '',
  ]);
});

describeWithTestDatabase('site settings', (database) => {
  const admin: Actor = { accountId: 1, platformAdmin: true, organisationRoles: [] };
  const orgAdmin: Actor = { accountId: 2, platformAdmin: false, organisationRoles: [{ organisationId: 1, role: 'admin' }] };

  it('lets only a platform admin save; defaults show until then and are not stored', async () => {
    const deps = { db: database.db };
    expect((await readSiteSettings(database.db)).operatorName).toBe(siteSettingFields.operatorName.defaultValue);
    await expect(saveSiteSettings(deps, orgAdmin, { operatorName: 'Mine now' })).rejects.toBeInstanceOf(ForbiddenError);
    expect(await saveSiteSettings(deps, admin, { operatorName: 'Northvale ICB', contactEmail: 'hello@northvale.example.org' })).toEqual([
      'operatorName',
      'contactEmail',
    ]);
    expect(await saveSiteSettings(deps, admin, { operatorName: 'Northvale ICB', contactEmail: 'hello@northvale.example.org' })).toEqual([]);
    const rows = await database.db.selectFrom('site_setting').select(['key', 'updated_by']).orderBy('key').execute();
    expect(rows).toEqual([
      { key: 'contactEmail', updated_by: 1 },
      { key: 'operatorName', updated_by: 1 },
    ]);
    await saveSiteSettings(deps, admin, { operatorName: siteSettingFields.operatorName.defaultValue });
    expect(await database.db.selectFrom('site_setting').select('key').execute()).toEqual([]);
  });
});
