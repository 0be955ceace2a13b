// Mailpit's tags, which here are the messages' IMAP keywords (server/store/tags.ts).
import type { Hono } from 'hono';
import { z } from 'zod';
import { isTag, tagKeyword, tagKeywords, withTags, type MessageStore } from '../../store/index.ts';
import { badRequest } from './errors.ts';
import { allTags } from './present.ts';
import { readJson, storeIds } from './request.ts';

const SetTags = z.object({ IDs: z.array(z.string()), Tags: z.array(z.string()).nullable() });
const RenameTag = z.object({ Name: z.string() });

function replaceTags(store: MessageStore, id: number, tags: string[]): void {
  const message = store.get(id);
  if (message) store.setFlags([id], 'replace', withTags(message.flags, tags));
}

export function tagRoutes(app: Hono, store: MessageStore): void {
  app.get('/api/v1/tags', (c) => c.json(allTags(store)));

  app.put('/api/v1/tags', async (c) => {
    const body = await readJson(c, SetTags);
    const tags = tagKeywords(body.Tags ?? []);
    for (const id of storeIds(store, body.IDs)) replaceTags(store, id, tags);
    return c.text('ok');
  });

  app.put('/api/v1/tags/:tag', async (c) => {
    const from = (tagKeyword(c.req.param('tag')) ?? '').toLowerCase();
    const body = await readJson(c, RenameTag);
    const to = tagKeyword(body.Name);
    if (!to) throw badRequest('Invalid name');
    for (const message of store.all()) {
      const tags = [...message.flags].filter(isTag);
      if (!tags.some((t) => t.toLowerCase() === from)) continue;
      replaceTags(store, message.id, tagKeywords(tags.map((t) => (t.toLowerCase() === from ? to : t))));
    }
    return c.text('ok');
  });

  app.delete('/api/v1/tags/:tag', (c) => {
    const tag = (tagKeyword(c.req.param('tag')) ?? '').toLowerCase();
    for (const message of store.all()) {
      const tags = [...message.flags].filter(isTag);
      if (tags.some((t) => t.toLowerCase() === tag)) replaceTags(store, message.id, tags.filter((t) => t.toLowerCase() !== tag));
    }
    return c.text('ok');
  });
}
