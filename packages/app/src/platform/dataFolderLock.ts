// The embedded database (PGlite) is a folder of files that only one process may have open: a second
// process works on its own copy in memory and its writes are lost (issue 12, defect 7). So whoever
// opens the folder first holds a lock file in it naming its pid; another process, or a second open
// in this one, is refused. A lock left by a process that has ended (kill -9, a power cut) is taken
// over. This is the same idea as PostgreSQL's own postmaster.pid.
import fs from 'node:fs';
import path from 'node:path';

export const lockFileName = 'involve.lock';

export class DataFolderInUseError extends Error {
  constructor(readonly pid: number) {
    super(`Involve is running on this data folder (pid ${pid}): stop it first, or use the admin page to import`);
  }
}

/** Folders this process holds now, so its own pid in a lock file is told apart from a pid reused after a restart. */
const heldHere = new Set<string>();

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The pid in a lock file, or null when it is unreadable or gone. */
function holderOf(file: string): number | null {
  try {
    const pid = Number.parseInt(fs.readFileSync(file, 'utf8'), 10);
    return Number.isSafeInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/**
 * Hold the data folder (which must exist) for this process; returns the function that lets it go.
 * Throws DataFolderInUseError when a live process holds it.
 */
export async function lockDataFolder(dataDir: string): Promise<() => void> {
  const folder = path.resolve(dataDir);
  const file = path.join(folder, lockFileName);
  for (let attempt = 0; ; attempt++) {
    try {
      // 'wx' creates the file only if there is none: of two processes at once, one succeeds.
      const fd = fs.openSync(file, 'wx');
      try {
        fs.writeSync(fd, `${process.pid}\n`);
      } finally {
        fs.closeSync(fd);
      }
      heldHere.add(folder);
      return () => release(folder, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 5) throw error;
    }
    const pid = holderOf(file);
    if (pid === null) {
      // Being written this very moment, or left empty by a crash: look again shortly, then take it over.
      if (attempt < 3) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        continue;
      }
    } else if (pid === process.pid ? heldHere.has(folder) : isAlive(pid)) {
      throw new DataFolderInUseError(pid);
    }
    takeOver(file, pid);
  }
}

/**
 * Remove a stale lock. Renamed aside first (atomic), then checked: if another process took it over
 * in the meantime, the file moved aside is its fresh lock, and it is put back.
 */
function takeOver(file: string, stalePid: number | null): void {
  const aside = `${file}.stale.${process.pid}`;
  try {
    fs.renameSync(file, aside);
  } catch {
    return; // already gone: try again to create it
  }
  const moved = holderOf(aside);
  if (moved !== null && moved !== stalePid) {
    try {
      fs.linkSync(aside, file);
    } catch {
      // a third process made one meanwhile: the next attempt sees it
    }
  }
  fs.rmSync(aside, { force: true });
}

function release(folder: string, file: string): void {
  if (!heldHere.delete(folder)) return;
  // Only our own lock (never one another process took over after ours was judged stale).
  if (holderOf(file) === process.pid) fs.rmSync(file, { force: true });
}

// A process that exits without closing its database (a command's process.exit) leaves no lock behind.
process.once('exit', () => {
  for (const folder of heldHere) {
    const file = path.join(folder, lockFileName);
    if (holderOf(file) === process.pid) fs.rmSync(file, { force: true });
  }
});
