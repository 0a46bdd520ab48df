import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const WORKER_MAIN = fileURLToPath(new URL('../../ingest/bullmq/worker-main.ts', import.meta.url));

export interface WorkerProcess {
  pid: number;
  /** Pids of the sandboxed children it has forked so far. */
  children(): Promise<number[]>;
  /** SIGTERM, then waits for the exit; resolves with the exit code. */
  stop(): Promise<number | null>;
  /** SIGKILL, as when a machine or container dies; resolves once it is gone. */
  kill(): Promise<void>;
}

/** Starts `ingest/bullmq/worker-main.ts` as its own process and waits until it is ready. */
export async function startWorkerProcess(env: Record<string, string>): Promise<WorkerProcess> {
  const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), WORKER_MAIN], {
    // These workers write to the test's embedded index (DATA_DIR), never to an Elasticsearch the run may have.
    env: { ...withoutElasticsearch(process.env), ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`worker did not start within 30 s:\n${log}`)), 30_000);
    child.stderr!.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      if (log.includes('ingest worker ready')) {
        clearTimeout(timer);
        resolve();
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`worker exited with ${code} before it was ready:\n${log}`));
    });
  });
  const pid = child.pid!;
  return {
    pid,
    children: () => childPids(pid),
    async stop() {
      signal(child, 'SIGTERM');
      return exited;
    },
    async kill() {
      signal(child, 'SIGKILL');
      await exited;
    },
  };
}

function signal(child: ChildProcess, name: NodeJS.Signals): void {
  if (child.exitCode === null && child.signalCode === null) child.kill(name);
}

export async function childPids(pid: number): Promise<number[]> {
  const { stdout } = await promisify(execFile)('ps', ['-o', 'pid=', '--ppid', String(pid)]).catch(() => ({ stdout: '' }));
  return stdout
    .split('\n')
    .map((line) => Number(line.trim()))
    .filter((n) => n > 0);
}

/**
 * Whether the process still runs. An exited orphan waits as a zombie until PID 1 reaps it,
 * and a zombie still answers signal 0, so its state in /proc decides where there is one.
 */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/^[ZX]/.test(stat.slice(stat.lastIndexOf(')') + 2));
  } catch {
    return !existsSync('/proc/self');
  }
}

function withoutElasticsearch(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { ELASTICSEARCH_URL: _unused, ...rest } = env;
  return rest;
}

/** Polls `probe` every 100 ms until it returns a value; throws after `timeoutMs`. */
export async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
