// Reading Mailpit requests: JSON bodies (an empty body is {}), IDs, start/limit, the search query.
import type { Context } from 'hono';
import type { z } from 'zod';
import { compileSearch, isTimeZone, type CompiledSearch } from '../../search/index.ts';
import type { MessageStore, StoredMessage } from '../../store/index.ts';
import { badRequest, notFound } from './errors.ts';

export async function readJson<T extends z.ZodType>(c: Context, schema: T): Promise<z.infer<T>> {
  const text = await c.req.text();
  let value: unknown = {};
  if (text.trim()) {
    try {
      value = JSON.parse(text);
    } catch {
      throw badRequest('invalid JSON body');
    }
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw badRequest(parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
  return parsed.data;
}

/** Mailpit's start/limit: bad or negative values fall back to 0 and 50; limit 0 means none. */
export function startLimit(c: Context): { start: number; limit: number } {
  const start = Number.parseInt(c.req.query('start') ?? '', 10);
  const limit = Number.parseInt(c.req.query('limit') ?? '', 10);
  return { start: start > 0 ? start : 0, limit: limit > -1 ? limit : 50 };
}

export function searchOf(c: Context, query: string): CompiledSearch {
  const tz = c.req.query('tz');
  return compileSearch(query, tz && isTimeZone(tz) ? { timeZone: tz } : {});
}

export function requiredQuery(c: Context): string {
  const query = (c.req.query('query') ?? '').trim();
  if (!query) throw badRequest('Error: no search query');
  return query;
}

/** A message by its Mailpit ID, or `latest` (the newest, or the newest matching ?query=). */
export async function messageOf(c: Context, store: MessageStore, id = c.req.param('id') ?? ''): Promise<StoredMessage> {
  if (id === 'latest') {
    const query = (c.req.query('query') ?? '').trim();
    const [newest] = (await store.listInTurns(query ? { search: searchOf(c, query) } : {}, { limit: 1 })).messages;
    if (!newest) throw notFound('Message not found');
    return newest;
  }
  const message = /^\d+$/.test(id) ? store.get(Number(id)) : undefined;
  if (!message) throw notFound();
  return message;
}

/** Mailpit IDs as store ids; IDs that name no message are skipped. */
export function storeIds(store: MessageStore, ids: readonly string[]): number[] {
  return ids.filter((id) => /^\d+$/.test(id) && store.get(Number(id))).map(Number);
}
