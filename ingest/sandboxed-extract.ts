import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ExtractError, type ExtractErrorCause } from '../src/extract/index.ts';
import type { ExtractedText } from '../src/tree/types.ts';

/**
 * Extraction in a child process, for the in-process runner. pdf.js can hang forever on a
 * malformed PDF, abort V8 with an uncatchable error or throw outside its promise (see the field
 * notes); in a child with a heap limit and a time limit that costs one file, not the batch.
 * The child runs src/extract's `extractBytes`, the one code path for extraction; only the process
 * boundary is added here. The BullMQ workers sandbox their extract stage the same way.
 */
export interface SandboxOptions {
  /** Time one file may take before its child is killed (EXTRACT_TIMEOUT). Default 120 s, as the BullMQ workers. */
  timeLimitMs?: number;
  /** The child's V8 heap limit (`--max-old-space-size`), in MB. Default 2048. */
  maxOldSpaceMb?: number;
  /** Passed on to the PDF extractor; default its DEFAULT_MAX_PAGES. */
  maxPages?: number;
}

export interface SandboxedExtractor {
  /** Extracts the file at `path`; `name` picks the extractor by its extension and names the file in errors. */
  extract(name: string, path: string): Promise<ExtractedText>;
  /** The running child's pid, or null between children (for monitoring). */
  pid(): number | null;
  /** Stops the child. The extractor forks a new one if it is used again. */
  close(): Promise<void>;
}

export const DEFAULT_SANDBOX_TIME_LIMIT_MS = 120_000;
export const DEFAULT_SANDBOX_MAX_OLD_SPACE_MB = 2048;

/** How long a fresh child may take to load before the file fails; not part of the file's time limit. */
const STARTUP_LIMIT_MS = 60_000;

/** Messages between parent and child (structured clone, so large texts cross cheaply). */
export interface ExtractRequest {
  id: number;
  name: string;
  path: string;
  maxPages?: number;
}

export type SandboxFailure =
  | { kind: 'extract'; file: string; reason: ExtractErrorCause; detail?: string }
  | { kind: 'other'; message: string; code?: string };

/** The child's first message, once its modules are loaded. */
export interface ExtractReady {
  ready: true;
}

export type ExtractReply = { id: number; ok: true; extracted: ExtractedText } | { id: number; ok: false; failure: SandboxFailure };

const CHILD = fileURLToPath(new URL('./sandboxed-extract-child.ts', import.meta.url));

/** The options from INGEST_TIME_LIMIT_MS and INGEST_MAX_OLD_SPACE_MB (the workers read the first too). */
export function sandboxOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): SandboxOptions {
  const number = (name: string): number | undefined => {
    const value = env[name];
    if (value === undefined || value === '') return undefined;
    const parsed = Number(value);
    if (!Number.isFinite(parsed) || parsed <= 0) throw new Error(`${name} must be a positive number, not "${value}"`);
    return parsed;
  };
  const timeLimitMs = number('INGEST_TIME_LIMIT_MS');
  const maxOldSpaceMb = number('INGEST_MAX_OLD_SPACE_MB');
  return { ...(timeLimitMs ? { timeLimitMs } : {}), ...(maxOldSpaceMb ? { maxOldSpaceMb } : {}) };
}

/**
 * One child process, reused from file to file and forked again after it was killed or died.
 * Files are extracted one at a time. While idle the child does not keep this process alive.
 */
export function sandboxedExtractor(options: SandboxOptions = {}): SandboxedExtractor {
  const timeLimitMs = options.timeLimitMs ?? DEFAULT_SANDBOX_TIME_LIMIT_MS;
  const maxOldSpaceMb = options.maxOldSpaceMb ?? DEFAULT_SANDBOX_MAX_OLD_SPACE_MB;
  let child: Child | null = null;
  let stderrTail = '';
  let requests = 0;
  let queue: Promise<unknown> = Promise.resolve();

  const start = (): Child => {
    const started = fork(CHILD, [], {
      execArgv: childExecArgv(maxOldSpaceMb),
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    stderrTail = '';
    started.stderr?.on('data', (chunk: Buffer) => {
      stderrTail = (stderrTail + chunk.toString()).slice(-4000);
    });
    // A child that cannot be forked or signalled reports here; the exit handler does the rest.
    started.on('error', () => undefined);
    const ready = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`it did not start within ${STARTUP_LIMIT_MS / 1000} s`)), STARTUP_LIMIT_MS);
      started.on('message', function onReady(message: Partial<ExtractReady>) {
        if (message.ready !== true) return;
        clearTimeout(timer);
        started.off('message', onReady);
        resolve();
      });
      started.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(crashDetail(code, signal, stderrTail, maxOldSpaceMb)));
      });
    });
    ready.catch(() => undefined);
    const entry: Child = { process: started, ready };
    started.once('exit', () => {
      if (child === entry) child = null;
    });
    return entry;
  };

  const hold = (proc: ChildProcess, held: boolean) => {
    const handles = [proc, proc.channel, proc.stderr] as ({ ref?: () => void; unref?: () => void } | null | undefined)[];
    for (const handle of handles) (held ? handle?.ref : handle?.unref)?.call(handle);
  };

  const runOne = async (name: string, path: string): Promise<ExtractedText> => {
    const entry = (child ??= start());
    const current = entry.process;
    hold(current, true);
    try {
      await entry.ready;
    } catch (error) {
      if (child === entry) child = null;
      current.kill('SIGKILL');
      throw new ExtractError(name, 'corrupt', `the reader could not be started: ${(error as Error).message}`);
    }
    const id = ++requests;
    return new Promise<ExtractedText>((resolve, reject) => {
      let settled = false;
      const finish = (settle: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        current.off('message', onMessage);
        current.off('exit', onExit);
        if (current.exitCode === null && current.signalCode === null) hold(current, false);
        settle();
      };
      const onMessage = (reply: ExtractReply) => {
        if (reply.id !== id) return;
        finish(() => (reply.ok ? resolve(reply.extracted) : reject(toError(reply.failure))));
      };
      const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
        finish(() => reject(new ExtractError(name, 'corrupt', crashDetail(code, signal, stderrTail, maxOldSpaceMb))));
      };
      const timer = setTimeout(() => {
        finish(() => reject(new ExtractError(name, 'timeout', `stopped after ${(timeLimitMs / 1000).toFixed(1)} s`)));
        // A child stuck in a synchronous loop never reads another message: only a kill stops it.
        if (child === entry) child = null;
        current.kill('SIGKILL');
      }, timeLimitMs);
      current.on('message', onMessage);
      current.once('exit', onExit);
      const request: ExtractRequest = { id, name, path, ...(options.maxPages === undefined ? {} : { maxPages: options.maxPages }) };
      current.send(request, (error) => {
        if (error) finish(() => reject(new ExtractError(name, 'corrupt', `the reader could not be started (${error.message})`)));
      });
    });
  };

  return {
    extract(name, path) {
      const run = queue.then(() => runOne(name, path));
      queue = run.catch(() => undefined);
      return run;
    },
    pid: () => child?.process.pid ?? null,
    async close() {
      await queue;
      const current = child?.process;
      child = null;
      if (!current || current.exitCode !== null || current.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => current.once('exit', () => resolve()));
      current.kill('SIGKILL');
      await exited;
    },
  };
}

interface Child {
  process: ChildProcess;
  /** Settles when the child has loaded its modules, or failed to. */
  ready: Promise<void>;
}

function toError(failure: SandboxFailure): Error {
  if (failure.kind === 'extract') return new ExtractError(failure.file, failure.reason, failure.detail);
  return Object.assign(new Error(failure.message), failure.code ? { code: failure.code } : {});
}

function crashDetail(code: number | null, signal: NodeJS.Signals | null, stderr: string, maxOldSpaceMb: number): string {
  if (/heap out of memory|Reached heap limit/i.test(stderr)) return `the reader ran out of memory, limit ${maxOldSpaceMb} MB`;
  return `the reader stopped: ${signal ? `killed by ${signal}` : `exit code ${code}`}`;
}

/**
 * The child loads the .ts entry through tsx; the CLI registers tsx with its API, which a child
 * does not inherit, so it is passed as `--import` unless already there. Any inherited heap
 * limit gives way to the sandbox's own.
 */
function childExecArgv(maxOldSpaceMb: number): string[] {
  const inherited = process.execArgv.filter((arg) => !arg.startsWith('--inspect') && !arg.startsWith('--max-old-space-size'));
  const hasTsx = inherited.some((arg) => /(^|[/\\])tsx([/\\]|$)/.test(arg) || arg === 'tsx');
  return [...inherited, ...(hasTsx ? [] : ['--import', import.meta.resolve('tsx')]), `--max-old-space-size=${maxOldSpaceMb}`];
}
