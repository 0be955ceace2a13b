// POST /api/v1/message/{ID}/release {To: [...]} in Mailpit's shape: the same relay as the native
// route; "ok" on success, the refusal as plain text with the native route's status.
import type { Hono } from 'hono';
import { z } from 'zod';
import { ReleaseError, type Relay } from '../../relay/relay.ts';
import type { MessageStore } from '../../store/index.ts';
import { RELEASE_STATUS } from '../release-api.ts';
import { MailpitError } from './errors.ts';
import { messageOf, readJson } from './request.ts';

const ReleaseRequest = z.object({ To: z.array(z.string()).min(1) });

export function releaseRoute(app: Hono, store: MessageStore, relay: Relay): void {
  app.post('/api/v1/message/:id/release', async (c) => {
    const message = await messageOf(c, store);
    const { To } = await readJson(c, ReleaseRequest);
    try {
      await relay.release(message, To);
    } catch (err) {
      if (err instanceof ReleaseError) throw new MailpitError(RELEASE_STATUS[err.kind], err.message);
      throw err;
    }
    return c.text('ok');
  });
}
