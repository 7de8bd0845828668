// Runs a migration's SQL one statement at a time: a prepared statement takes one command, and
// both pg and PGlite prepare. Statements are separated by a semicolon at the end of a line.
import { type Kysely, sql } from 'kysely';

export async function executeScript(db: Kysely<unknown>, script: string): Promise<void> {
  for (const statement of script.split(/;\s*$/m)) {
    if (statement.trim()) await sql.raw(statement).execute(db);
  }
}
