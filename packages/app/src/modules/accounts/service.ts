// PLACEHOLDER
import type { Db } from '../../platform/database.js';
export async function createPlatformAdmin(_deps: { db: Db }, email: string, _password?: string): Promise<{ message: string }> {
  return { message: `TODO ${email}` };
}
