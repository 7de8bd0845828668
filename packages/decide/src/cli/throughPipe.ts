// For pipe tests of command lines (src/cli/pipe.test.ts here, and any package that depends on decide):
// runs a TypeScript command line as a child process with its stdout going into a real pipe (bash's
// `|`), so a command that leaves before its output is flushed loses all but the first 64 KiB.
import { spawn } from 'node:child_process';

export interface PipeRun {
  code: number | null;
  stdout: Buffer;
  stderr: string;
}

export interface PipeOptions {
  /** Where the command runs. */
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** A file piped into the command's stdin (`cat FILE | command`). */
  stdinFile?: string;
  /** What reads the output; by default a slow reader that starts only once the pipe is full. */
  reader?: string;
}

/**
 * Runs `[cat STDIN |] node --import tsx CLI ARGS | READER` through bash. With pipefail the exit code is
 * the command's unless it is 0.
 */
export function runThroughPipe(cliPath: string, args: string[], options: PipeOptions): Promise<PipeRun> {
  const input = options.stdinFile ? 'cat "$STDIN_FILE" | ' : '';
  const env: NodeJS.ProcessEnv = { ...(options.env ?? process.env) };
  if (options.stdinFile) env.STDIN_FILE = options.stdinFile;
  const reader = options.reader ?? '{ sleep 0.5; cat; }';
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', `set -o pipefail; ${input}"$@" | ${reader}`, 'bash', process.execPath, '--import', 'tsx', cliPath, ...args], {
      cwd: options.cwd,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout: Buffer.concat(out), stderr }));
  });
}
