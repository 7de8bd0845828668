// PLACEHOLDER: the demo health system (built by the registry work).
import type { Db } from '../platform/database.js';

export async function isDatabaseEmpty(db: Db): Promise<boolean> {
  const row = await db
    .selectFrom('organisation')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return row.n === 0;
}
export async function loadDemoHealthSystem(_db: Db): Promise<void> {}
export async function listDemoSignIns(_db: Db): Promise<Array<{ email: string; password: string; role: string }>> {
  return [];
}
