/** What the HTTP benchmarks share: their `--name=N` options and `gongkai serve` in its own process. */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('..', import.meta.url));

/** The number of `--name=N`, or the fallback. */
export function arg(args: readonly string[], name: string, fallback: number): number {
  const found = args.find((a) => a.startsWith(`--${name}=`));
  return found ? Number(found.slice(name.length + 3)) : fallback;
}

/** `gongkai serve` on a free port with this environment; resolves with its address once it listens. */
export async function startServe(env: Record<string, string>): Promise<{ base: string; pid: number | undefined; stop: () => Promise<void> }> {
  const server: ChildProcess = spawn(process.execPath, ['bin/gongkai.js', 'serve', '--port', '0', '--no-seed'], {
    cwd: REPO, env: { ...process.env, LOG_LEVEL: 'silent', ...env }, stdio: ['ignore', 'pipe', 'inherit'],
  });
  const base = await new Promise<string>((resolve, reject) => {
    server.stdout!.on('data', (c: Buffer) => {
      const m = /(http:\/\/[^\s]+)/.exec(c.toString());
      if (m) resolve(m[1]!);
    });
    server.once('exit', (code) => reject(new Error(`serve exited: ${code}`)));
  });
  return {
    base,
    pid: server.pid,
    stop: async () => {
      server.kill('SIGTERM');
      await new Promise((resolve) => server.once('exit', resolve));
    },
  };
}
