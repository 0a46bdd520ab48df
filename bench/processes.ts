import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

// Child processes of the bench (ingest runs, workers, the server), each started through bash so
// that `times` reports the CPU time of the whole process tree once it has exited: on a shared
// machine CPU seconds say more about cost than wall time does.

export interface TaskResult {
  code: number | null;
  stdout: string;
  /** User + system CPU seconds of the process and the children it waited for. */
  cpuSeconds: number | null;
}

export interface TaskProcess {
  /** The node process's pid (for RSS and signals). */
  pid: Promise<number>;
  /** Resolves with the first match of `pattern` in stdout or stderr. */
  waitFor(pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray>;
  /** SIGTERM to the node process, then its result. */
  stop(): Promise<TaskResult>;
  readonly done: Promise<TaskResult>;
}

const WRAPPER = '"$@" & child=$!; echo "bench-pid $child" >&2; wait $child; status=$?; times >&2; exit $status';

export function startTask(script: string, args: string[], env: NodeJS.ProcessEnv, nodeOptions: string[] = []): TaskProcess {
  const child = spawn('bash', ['-c', WRAPPER, 'bash', process.execPath, ...nodeOptions, '--import', import.meta.resolve('tsx'), script, ...args], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const watchers = new Set<() => void>();
  const notify = () => watchers.forEach((watch) => watch());
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    notify();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    notify();
  });
  const done = new Promise<TaskResult>((resolve) => {
    child.once('close', (code) => {
      notify();
      resolve({ code, stdout, cpuSeconds: childCpuSeconds(stderr) });
    });
  });
  const waitFor = (pattern: RegExp, timeoutMs: number) =>
    new Promise<RegExpMatchArray>((resolve, reject) => {
      const check = () => {
        const match = pattern.exec(stdout) ?? pattern.exec(stderr);
        if (match) {
          finish();
          resolve(match);
        } else if (child.exitCode !== null) {
          finish();
          reject(new Error(`${script} exited (${child.exitCode}) before printing ${pattern}:\n${tail(stderr)}`));
        }
      };
      const timer = setTimeout(() => {
        finish();
        reject(new Error(`${script} did not print ${pattern} within ${timeoutMs / 1000} s:\n${tail(stderr)}`));
      }, timeoutMs);
      const finish = () => {
        clearTimeout(timer);
        watchers.delete(check);
      };
      watchers.add(check);
      check();
    });
  const pid = waitFor(/bench-pid (\d+)/, 10_000).then((m) => Number(m[1]));
  return {
    pid,
    waitFor,
    done,
    async stop() {
      const nodePid = await pid;
      try {
        process.kill(nodePid, 'SIGTERM');
      } catch {
        // Already gone.
      }
      return done;
    },
  };
}

/** Resident set size and its peak, from /proc (Linux). */
export function residentMemory(pid: number): { rssBytes: number; peakBytes: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
    return { rssBytes: kb('VmRSS'), peakBytes: kb('VmHWM') };
  } catch {
    return null;
  }
}

function childCpuSeconds(stderr: string): number | null {
  const match = /(\d+)m([\d.]+)s (\d+)m([\d.]+)s\s*$/.exec(stderr.trimEnd());
  if (!match) return null;
  return Number(match[1]) * 60 + Number(match[2]) + Number(match[3]) * 60 + Number(match[4]);
}

function tail(text: string): string {
  return text.split('\n').slice(-15).join('\n');
}
