// Involve served in a child process as an operator starts it (`involve serve`), and a sign-up made
// as a browser makes it: the reliability tests that kill a server or run several workers use both.
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const appRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Start `involve serve` in a child process; resolves with its address once it listens. */
export function startServer(env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'serve'], {
    cwd: appRoot,
    env: { ...process.env, PORT: '0', INVOLVE_DEMO: '0', LOG_LEVEL: 'warn', TRUST_PROXY: '1', SIGN_IN_LIMIT: '1000', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${output}`)), 120_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Involve is running at (http:\/\/\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve({ child, url: match[1].replace('localhost', '127.0.0.1') });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => reject(new Error(`server exited (${code}): ${output}`)));
  });
}

/** One sign-up as a browser makes it (form page for the CSRF cookie, then the form); true when acknowledged. */
export async function signUp(url: string, n: number): Promise<boolean> {
  const forwarded = { 'x-forwarded-for': `10.9.${Math.floor(n / 250)}.${n % 250}` };
  const page = await fetch(`${url}/sign-up`, { headers: forwarded });
  const cookie = /involve_csrf=([^;]+)/.exec(page.headers.get('set-cookie') ?? '')?.[1] ?? '';
  const body = new URLSearchParams({
    name: `Person ${n}`,
    email: `person${n}@kill.example`,
    password: 'a long enough password',
    confirmPassword: 'a long enough password',
    _csrf: cookie,
  });
  const response = await fetch(`${url}/sign-up`, {
    method: 'POST',
    headers: { ...forwarded, cookie: `involve_csrf=${cookie}`, 'content-type': 'application/x-www-form-urlencoded' },
    body,
    redirect: 'manual',
  });
  return response.status === 303;
}
