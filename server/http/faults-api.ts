// /api/v1/faults: read, replace, extend and clear the live fault rules. A bad rule is a 400 with the
// parser's own line, the same one --fault exits with.
import type { OpenAPIHono } from '@hono/zod-openapi';
import { FaultRuleError, type Faults } from '../faults/index.ts';
import { HttpError } from './errors.ts';
import * as R from './routes.ts';

export function addFaultRoutes(api: OpenAPIHono, faults: Faults | undefined): void {
  const live = (): Faults => {
    if (!faults) throw new HttpError(404, 'not-found', 'fault rules are not available on this server');
    return faults;
  };
  const change = (apply: (f: Faults) => void) => {
    const f = live();
    try {
      apply(f);
    } catch (err) {
      if (err instanceof FaultRuleError) throw new HttpError(400, 'bad-rule', err.message);
      throw err;
    }
    return f.snapshot();
  };
  api.openapi(R.getFaults, (c) => c.json(live().snapshot(), 200));
  api.openapi(R.putFaults, (c) => c.json(change((f) => f.set(c.req.valid('json').rules)), 200));
  api.openapi(R.addFaults, (c) => c.json(change((f) => f.add(c.req.valid('json').rules)), 200));
  api.openapi(R.clearFaults, (c) => {
    live().clear();
    return c.body(null, 204);
  });
}
