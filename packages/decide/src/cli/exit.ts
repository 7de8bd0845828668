// Ending a command line without losing output, for decide and for involve (which imports it as
// @involve/decide/cli/exit). A write to a pipe is asynchronous in Node once the pipe's buffer (64 KiB)
// is full, so `process.exit` right after a large write cuts the output short (`decide … --json | cat`
// gave 65,536 bytes of 248,606; `involve import organisations FILE | cat` kept 99,868 bytes of
// 1,338,989). The command waits for stdout and stderr to hand everything to the operating system
// first (issue 12, defect 14).

/** Resolves once everything written to `stream` so far has been handed to the OS (or the stream failed). */
export function flushed(stream: NodeJS.WritableStream & { destroyed?: boolean; writableEnded?: boolean }): Promise<void> {
  if (stream.destroyed || stream.writableEnded) return Promise.resolve();
  // Writes complete in order, so the callback of an empty write runs after every earlier write.
  return new Promise((resolve) => stream.write('', () => resolve()));
}

/** Sets the exit code, waits for stdout and stderr to flush, then ends the process with that code. */
export async function exitWhenFlushed(code: number): Promise<never> {
  process.exitCode = code;
  await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
  process.exit(code);
}

/** Exit code of a Unix command stopped by SIGPIPE (128 + 13), which Node ignores. */
export const closedPipeExitCode = 141;

/**
 * When the reader of stdout or stderr goes away (`decide … | head`), stops at once and quietly with exit
 * code 141, as a command stopped by SIGPIPE would, rather than failing with an unhandled EPIPE error.
 * Not for a server (`involve serve`), which keeps running and stops on SIGTERM after shutting down.
 */
export function stopQuietlyWhenReaderLeaves(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(closedPipeExitCode);
      throw error;
    });
  }
}
