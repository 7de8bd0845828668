// The themes stories are tagged with: a starting set (see the migration), each with a polarity
// (good / could be better), that platform admins add to, rename or retire. A retired theme stays on
// the stories already tagged with it, but is no longer offered to moderators.
import { recordAudit } from '../../platform/audit.js';
import type { Db } from '../../platform/database.js';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors.js';
import { fieldLimits, tooLongMessage } from './fieldLimits.js';
import { type Actor, assertCan } from './policy.js';
import { type ThemePolarity, themePolarities } from './schema.js';

export interface ThemeRow {
  id: number;
  name: string;
  polarity: ThemePolarity;
  retired: boolean;
  stories: number;
}

export async function themesForAdmin(deps: { db: Db }, actor: Actor): Promise<ThemeRow[]> {
  assertCan(actor, 'theme.manage');
  const rows = await deps.db
    .selectFrom('feedback_theme')
    .select([
      'id',
      'name',
      'polarity',
      'retired',
      (eb) =>
        eb
          .selectFrom('story_theme')
          .select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('story_theme.theme_id', '=', 'feedback_theme.id')
          .as('stories'),
    ])
    .orderBy('name')
    .orderBy('polarity', 'desc')
    .execute();
  return rows.map((r) => ({ ...r, stories: Number(r.stories ?? 0) }));
}

function checkTheme(input: { name: unknown; polarity: unknown }): { name: string; polarity: ThemePolarity } {
  const name = typeof input.name === 'string' ? input.name.trim() : '';
  const errors: Record<string, string> = {};
  if (!name) errors.name = 'Enter the name of the theme';
  else if (name.length > fieldLimits.themeName) errors.name = tooLongMessage('The name of the theme', fieldLimits.themeName, name.length);
  if (!(themePolarities as readonly unknown[]).includes(input.polarity)) errors.polarity = 'Select whether the theme is good or could be better';
  if (Object.keys(errors).length) throw new ValidationError(errors);
  return { name, polarity: input.polarity as ThemePolarity };
}

const isUniqueViolation = (error: unknown) => (error as { code?: string })?.code === '23505';

export async function addTheme(deps: { db: Db }, actor: Actor, input: { name: unknown; polarity: unknown }): Promise<number> {
  assertCan(actor, 'theme.manage');
  const theme = checkTheme(input);
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const row = await trx.insertInto('feedback_theme').values(theme).returning('id').executeTakeFirstOrThrow();
      await recordAudit(trx, actor, { action: 'theme.add', subjectType: 'feedback_theme', subjectId: row.id, detail: {} });
      return row.id;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new ValidationError({ name: 'There is already a theme with that name and polarity' });
    throw error;
  }
}

export async function updateTheme(deps: { db: Db }, actor: Actor, id: number, input: { name: unknown; polarity: unknown; retired: boolean }): Promise<void> {
  assertCan(actor, 'theme.manage');
  const theme = checkTheme(input);
  try {
    await deps.db.transaction().execute(async (trx) => {
      const updated = await trx
        .updateTable('feedback_theme')
        .set({ ...theme, retired: input.retired })
        .where('id', '=', id)
        .returning('id')
        .executeTakeFirst();
      if (!updated) throw new NotFoundError('There is no theme with that number');
      await recordAudit(trx, actor, { action: 'theme.update', subjectType: 'feedback_theme', subjectId: id, detail: { retired: input.retired } });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError('There is already a theme with that name and polarity', 'name');
    throw error;
  }
}
