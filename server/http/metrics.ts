// GET /metrics: the Prometheus text exposition (open unless --metrics-auth).
import type { Context } from 'hono';
import type { HttpMetrics } from '../metrics/index.ts';

export function metricsRoute(metrics: HttpMetrics) {
  return async (c: Context) => {
    const { contentType, body } = await metrics.exposition();
    c.header('Content-Type', contentType);
    c.header('Cache-Control', 'no-store');
    return c.body(body);
  };
}
