// Mailpit's message lists and bulk changes: GET/PUT/DELETE /api/v1/messages, GET/DELETE /api/v1/search.
import type { Hono } from 'hono';
import { z } from 'zod';
import { SEEN, type ListFilter, type MessageStore } from '../../store/index.ts';
import { allTags, toMailpitSummary } from './present.ts';
import { readJson, requiredQuery, searchOf, startLimit, storeIds } from './request.ts';
import type { MailpitList } from './shapes.ts';

const SetRead = z.object({ IDs: z.array(z.string()).nullish(), Read: z.boolean().default(false), Search: z.string().nullish() });
const DeleteMessages = z.object({ IDs: z.array(z.string()).nullish() });

async function listOf(store: MessageStore, filter: ListFilter, start: number, limit: number): Promise<MailpitList> {
  const everything = store.counts();
  const matching = await store.listInTurns(filter, { offset: start, limit: limit === 0 ? undefined : limit });
  return {
    total: everything.total,
    unread: everything.unread,
    count: matching.messages.length,
    messages_count: matching.total,
    messages_unread: matching.unread,
    start,
    tags: allTags(store),
    messages: matching.messages.map(toMailpitSummary),
  };
}

export function messageListRoutes(app: Hono, store: MessageStore): void {
  app.get('/api/v1/messages', async (c) => {
    const { start, limit } = startLimit(c);
    return c.json(await listOf(store, {}, start, limit));
  });

  app.put('/api/v1/messages', async (c) => {
    const body = await readJson(c, SetRead);
    let ids: number[];
    if (body.IDs?.length) ids = storeIds(store, body.IDs);
    else if (body.Search?.trim()) ids = (await store.listInTurns({ search: searchOf(c, body.Search) })).messages.map((m) => m.id);
    else ids = store.list().messages.map((m) => m.id);
    store.setFlags(ids, body.Read ? 'add' : 'remove', [SEEN]);
    return c.text('ok');
  });

  app.delete('/api/v1/messages', async (c) => {
    const body = await readJson(c, DeleteMessages);
    if (body.IDs?.length) store.delete(storeIds(store, body.IDs));
    else store.clear();
    return c.text('ok');
  });

  app.get('/api/v1/search', async (c) => {
    const search = searchOf(c, requiredQuery(c));
    const { start, limit } = startLimit(c);
    return c.json(await listOf(store, { search }, start, limit));
  });

  app.delete('/api/v1/search', async (c) => {
    const search = searchOf(c, requiredQuery(c));
    store.delete((await store.listInTurns({ search })).messages.map((m) => m.id));
    return c.text('ok');
  });
}
