// Where the shared reference data lives (../shared/data beside the repository). Tests read it from
// there and never copy it in. Where it is absent (someone's own clone) the tests that need it skip
// with a message; under CI=true its absence is a failure.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

export const sharedDataDir = process.env.INVOLVE_SHARED_DATA ?? path.resolve(repoRoot, '..', 'shared', 'data');

/** The folder of one data set (e.g. 'pb'), or null when it is not there (and not in CI). */
export function sharedData(subfolder: string): string | null {
  const dir = path.join(sharedDataDir, subfolder);
  if (fs.existsSync(dir)) return dir;
  if (process.env.CI === 'true') throw new Error(`Shared reference data is missing at ${dir}: under CI=true it must be there.`);
  console.warn(`Skipping tests that need the shared reference data: ${dir} is not there (it sits beside the repository as shared/data).`);
  return null;
}
