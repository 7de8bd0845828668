// Servers under measure run as processes of their own, started as an operator starts them, so the
// load generator never shares their event loop or heap and their memory can be read alone. Also:
// how long a command takes from start to exit (the median of several runs). BENCH_PROFILE=DIR writes
// each served process's CPU profile there (node --cpu-prof), to see where a benchmark's time goes.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const appRoot = path.resolve(here, '..');
export const repositoryRoot = path.resolve(appRoot, '..', '..');

export interface ServerProcess {
  url: string;
  pid: number;
  /** The last lines the process wrote on standard error (shown when something fails). */
  stderrTail(): string;
  stop(): Promise<void>;
}

/** A port free on 127.0.0.1 at the time of asking. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Involve served as an operator starts it (`involve serve`, no demo) on a free port, on this database. */
export async function startInvolveServer(
  target: { databaseUrl?: string; dataDir?: string },
  options: { script?: string; logLevel?: string; workers?: number } = {},
): Promise<ServerProcess> {
  const port = await freePort();
  return startServerProcess({
    command: process.execPath,
    args: [
      ...(process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : []),
      // As bin/involve.js's first line and `npm start` run it.
      '--max-semi-space-size=64',
      options.script ?? path.join(appRoot, 'bin', 'involve.js'),
      'serve',
    ],
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      ...(target.databaseUrl ? { DATABASE_URL: target.databaseUrl } : { INVOLVE_DATA_DIR: target.dataDir }),
      INVOLVE_DEMO: '0',
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: options.logLevel ?? 'warn',
      WORKERS: String(options.workers ?? 1),
    },
    port,
    readyPath: '/readyz',
  });
}

/** Start `command args` with `env`, listening on 127.0.0.1:`port`; resolves once `readyPath` answers 200. */
export async function startServerProcess(options: {
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  port: number;
  readyPath: string;
  timeoutMs?: number;
}): Promise<ServerProcess> {
  const url = `http://127.0.0.1:${options.port}`;
  // Standard output (request logs at info) goes to /dev/null: writing them costs the server what
  // it costs in production, and reading them would cost this process CPU the server needs.
  const child: ChildProcess = spawn(options.command, options.args, { env: options.env, stdio: ['ignore', 'ignore', 'pipe'], cwd: repositoryRoot });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  let exited: number | null = null;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', (code) => {
      exited = code ?? -1;
      resolve();
    }),
  );
  const stop = async () => {
    if (exited === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exit;
      clearTimeout(timer);
    }
  };
  const deadline = Date.now() + (options.timeoutMs ?? 180_000);
  for (;;) {
    if (exited !== null) throw new Error(`${options.args.join(' ')} stopped with code ${exited} before answering: ${stderr.trim().slice(-1500)}`);
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`${options.args.join(' ')} did not answer ${options.readyPath} in time: ${stderr.trim().slice(-1500)}`);
    }
    const ready = await fetch(`${url}${options.readyPath}`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ready) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { url, pid: child.pid as number, stderrTail: () => stderr, stop };
}

/** Resident memory of a process and every process under it (cluster workers), in bytes (Linux). */
export function residentMemory(pid: number): number {
  return sumOverTree(pid, (p) => {
    const match = /^VmRSS:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${p}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : 0;
  });
}

/** CPU time (user and system) used so far by a process and every process under it, in milliseconds (Linux). */
export function cpuTime(pid: number): number {
  const ticksPerSecond = 100; // USER_HZ, 100 on Linux
  return sumOverTree(pid, (p) => {
    const stat = fs.readFileSync(`/proc/${p}/stat`, 'utf8');
    // Fields after the command name (which is in parentheses and may hold spaces): utime is the 12th, stime the 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
  });
}

function sumOverTree(pid: number, read: (pid: number) => number): number {
  const value = (p: number) => {
    try {
      return read(p);
    } catch {
      return 0;
    }
  };
  const children = (p: number): number[] => {
    try {
      return fs
        .readdirSync(`/proc/${p}/task`)
        .flatMap((task) => fs.readFileSync(`/proc/${p}/task/${task}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number));
    } catch {
      return [];
    }
  };
  let total = 0;
  const queue = [pid];
  while (queue.length) {
    const p = queue.shift() as number;
    total += value(p);
    queue.push(...children(p));
  }
  return total;
}

/** A command ran its TypeScript because a source changed after the build (someone is editing). */
export class StaleBuildError extends Error {
  constructor() {
    super('a source changed after the build, so the command ran its TypeScript');
  }
}

export interface RunTime {
  /** Median wall time from start to exit, in milliseconds. */
  wallMs: number;
  /** Median CPU time (user and system), in milliseconds, when /usr/bin/time is there to read it: it holds when other work shares the machine. */
  cpuMs: number | null;
}

const timeCommand = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
};

/** Median times of `runs` runs of a command from start to exit (it must exit 0 and run its build). */
export function medianRunTime(command: string, args: string[], runs: number, env: NodeJS.ProcessEnv = process.env): RunTime {
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    const result = timeCommand
      ? spawnSync(timeCommand, ['-f', 'cpu %U %S', command, ...args], { env, cwd: repositoryRoot, stdio: ['ignore', 'ignore', 'pipe'] })
      : spawnSync(command, args, { env, cwd: repositoryRoot, stdio: ['ignore', 'ignore', 'pipe'] });
    walls.push(performance.now() - started);
    const stderr = String(result.stderr);
    if (result.status !== 0)
      throw new Error(`${path.basename(args[0] ?? command)} ${args.slice(1).join(' ')} exited ${result.status}: ${stderr.trim().slice(0, 400)}`);
    if (stderr.includes('sources changed since')) throw new StaleBuildError();
    const cpu = /^cpu ([\d.]+) ([\d.]+)$/m.exec(stderr);
    if (cpu) cpus.push((Number(cpu[1]) + Number(cpu[2])) * 1000);
  }
  return { wallMs: median(walls), cpuMs: cpus.length === runs ? median(cpus) : null };
}

/**
 * Build both command lines (as `npm run build` does at install), so the server and the commands
 * measured run the current sources as built JavaScript; a note on what was built.
 */
export function buildCommandLines(): string {
  const script = path.join(repositoryRoot, 'scripts', 'buildCli.mjs');
  if (!fs.existsSync(script)) return 'no build script: the commands run through tsx';
  const notes: string[] = [];
  for (const folder of [path.join(repositoryRoot, 'packages', 'decide'), appRoot]) {
    const result = spawnSync(process.execPath, [script, 'src/cli.ts'], { cwd: folder, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`Building ${path.basename(folder)} failed: ${result.stderr.trim().slice(0, 800)}`);
    notes.push(result.stdout.trim());
  }
  return notes.join('; ');
}
