// `involve import organisations FILE.csv`: the CSV import on the terminal, with a progress bar
// (or progress lines when the output is not a terminal), the summary and every row error.
// Exit codes: 0 all rows imported, 1 some rows failed, 2 the file could not be read or used.
import fs from 'node:fs/promises';
import path from 'node:path';
import cliProgress from 'cli-progress';
import type { Db } from '../../platform/database.js';
import { ValidationError } from '../../platform/errors.js';
import { importOrganisationsCsv } from './import.js';
import type { Actor } from './policy.js';

export interface CliOutput {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
}

/** The import runs as the system (systemActor): there is no signed-in person on the command line. */
export async function importOrganisationsFromFile(
  db: Db,
  actor: Actor,
  file: string,
  io: CliOutput = { stdout: process.stdout, stderr: process.stderr },
): Promise<number> {
  const fullPath = path.resolve(file);
  let content: Buffer;
  try {
    content = await fs.readFile(fullPath);
  } catch (error) {
    const code = (error as { code?: string }).code;
    const why =
      code === 'ENOENT'
        ? 'there is no such file'
        : code === 'EISDIR'
          ? 'it is a folder, not a file'
          : code === 'EACCES'
            ? 'permission denied'
            : String((error as Error).message);
    io.stderr.write(`Cannot read ${fullPath}: ${why}.\n`);
    return 2;
  }

  const bar = io.stderr.isTTY
    ? new cliProgress.SingleBar(
        { stream: io.stderr, format: 'Importing organisations [{bar}] {percentage}% | {value}/{total} rows | {eta_formatted} left', hideCursor: true },
        cliProgress.Presets.shades_classic,
      )
    : null;
  let started = false;
  let lastTenth = -1;
  const onProgress = (done: number, total: number) => {
    if (bar) {
      if (!started) bar.start(total, 0);
      started = true;
      bar.update(done);
      return;
    }
    const tenth = total === 0 ? 10 : Math.floor((done / total) * 10);
    if (tenth > lastTenth) {
      lastTenth = tenth;
      io.stderr.write(`Imported ${done} of ${total} rows (${tenth * 10}%)\n`);
    }
  };

  try {
    const report = await importOrganisationsCsv({ db }, actor, content, { onProgress });
    if (started) bar?.stop();
    io.stdout.write(
      `Imported ${fullPath}: ${report.created} created, ${report.updated} updated, ${report.unchanged ?? 0} unchanged, ${report.errors.length} ${report.errors.length === 1 ? 'row' : 'rows'} with errors.\n`,
    );
    if (report.ignoredColumns?.length) io.stdout.write(`Columns not used: ${report.ignoredColumns.join(', ')}\n`);
    for (const error of report.errors) io.stdout.write(`${error.message}\n`);
    return report.errors.length ? 1 : 0;
  } catch (error) {
    if (started) bar?.stop();
    if (error instanceof ValidationError) {
      io.stderr.write(`Cannot import ${fullPath}: ${Object.values(error.fieldErrors).join(' ')}\nNothing was imported.\n`);
      return 2;
    }
    throw error;
  }
}
