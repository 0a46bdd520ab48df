import autocannon from 'autocannon';
import { fileURLToPath } from 'node:url';
import { residentMemory, startTask } from '../processes.ts';

export interface HttpResult {
  backend: 'embedded' | 'elasticsearch';
  connections: number;
  durationSeconds: number;
  requests: number;
  requestsPerSecond: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number };
  non2xx: number;
  errors: number;
  /** Until the server answers: loading modules, opening the index. */
  startupMs: number;
  /** Server RSS after one pass over the queries, after the load, and its peak. */
  rssIdleBytes: number | null;
  rssAfterBytes: number | null;
  rssPeakBytes: number | null;
}

const CLI = fileURLToPath(new URL('../../cli/main.ts', import.meta.url));

/**
 * Starts the real server (`aftalesog start --no-ingest`) on a free loopback port with the given
 * index settings and loads it with autocannon for `seconds`, cycling through `paths`. The rate
 * limit is switched off: one client on loopback would otherwise measure the limiter.
 */
export async function measureHttp(
  backend: HttpResult['backend'],
  env: NodeJS.ProcessEnv,
  paths: string[],
  options: { seconds: number; connections: number; nodeOptions: string[] },
): Promise<HttpResult> {
  const started = performance.now();
  const server = startTask(CLI, ['start', '--no-ingest'], { ...env, PORT: '0', HOST: '127.0.0.1', RATE_LIMIT_MAX: '0', NODE_ENV: 'production' }, options.nodeOptions);
  try {
    const [, url] = await server.waitFor(/kører på (http:\/\/\S+)/, 60_000);
    const startupMs = performance.now() - started;
    const pid = await server.pid;
    for (const path of paths) {
      const response = await fetch(`${url}${path}`);
      if (response.status !== 200) throw new Error(`${path}: HTTP ${response.status} ${await response.text()}`);
      await response.arrayBuffer();
    }
    const idle = residentMemory(pid);
    const result = await autocannon({
      url: url!,
      connections: options.connections,
      duration: options.seconds,
      requests: paths.map((path) => ({ method: 'GET', path })),
    });
    const after = residentMemory(pid);
    return {
      backend,
      connections: options.connections,
      durationSeconds: options.seconds,
      requests: result.requests.total,
      requestsPerSecond: result.requests.average,
      latencyMs: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max },
      non2xx: result.non2xx,
      errors: result.errors + result.timeouts,
      startupMs,
      rssIdleBytes: idle?.rssBytes ?? null,
      rssAfterBytes: after?.rssBytes ?? null,
      rssPeakBytes: after?.peakBytes ?? null,
    };
  } finally {
    await server.stop();
  }
}
