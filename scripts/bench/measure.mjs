/** One autocannon run, with percentiles from every response's time (autocannon reports no p95). */
import autocannon from 'autocannon';

/** The p-th percentile of an ascending list (NaN for an empty one: nothing was measured). */
export const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

/**
 * `next()` returns each request's path, method, headers and body; `seconds` defaults to
 * BENCH_SECONDS (10). With `cpuMs` (the server's `cpuMs`), also the server's CPU time per request.
 */
export async function measure(url, connections, next, seconds = Number(process.env.BENCH_SECONDS ?? 10), cpuMs = async () => NaN) {
  const times = [];
  const cpuBefore = await cpuMs();
  const instance = autocannon({ url, connections, duration: seconds, requests: [{ setupRequest: (req) => ({ ...req, ...next() }) }] });
  instance.on('response', (_client, _status, _bytes, ms) => times.push(ms));
  const result = await instance;
  const cpu = (await cpuMs()) - cpuBefore;
  times.sort((a, b) => a - b);
  const ms = (p) => Number(percentile(times, p).toFixed(1));
  const failures = Object.entries(result.statusCodeStats ?? {}).filter(([code]) => !code.startsWith('2')).map(([code, { count }]) => `${count}× ${code}`);
  if (result.errors) failures.push(`${result.errors} errors (${result.timeouts} timeouts)`);
  return { rps: result.requests.average, p50: ms(50), p95: ms(95), p99: ms(99), bad: result.non2xx + result.errors + result.timeouts, failures, total: result.requests.total, cpuPerRequest: cpu / Math.max(1, result.requests.total) };
}
