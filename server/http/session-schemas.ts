// The shapes of the sessions API as zod schemas (validation and /api/v1/openapi.json); the checks at
// the bottom fail the type check if they drift from server/sessions/types.ts.
import { z } from '@hono/zod-openapi';
import type * as T from '../types.ts';
import { whole } from './schemas.ts';

const Protocol = z.enum(['smtp', 'imap', 'pop3']);
const time = z.string().openapi({ format: 'date-time' });

export const SessionSummary = z
  .object({
    id: z.number().int(),
    protocol: Protocol,
    clientAddress: z.string(),
    clientPort: z.number().int(),
    tls: z.boolean(),
    login: z.string().nullable(),
    clientName: z.string().nullable(),
    startedAt: time,
    endedAt: time.nullable(),
    state: z.enum(['active', 'ended']),
    ended: z.enum(['quit', 'dropped', 'timeout', 'refused', 'fault', 'cap', 'shutdown', 'error']).nullable(),
    commands: z.number().int(),
    actionCount: z.number().int(),
    lines: z.number().int(),
    transcriptCut: z.boolean(),
  })
  .openapi('SessionSummary');

export const SessionList = z.object({ total: z.number().int(), sessions: z.array(SessionSummary) }).openapi('SessionList');

const TranscriptLine = z.object({ n: z.number().int().min(0), at: time, direction: z.enum(['client', 'server']), text: z.string() }).openapi('TranscriptLine');
const SessionAction = z.object({ at: time, text: z.string(), messageIds: z.array(z.number().int()) }).openapi('SessionAction');

export const SessionDetail = SessionSummary.extend({
  transcript: z.array(TranscriptLine),
  actions: z.array(SessionAction),
  cutLines: z.number().int(),
}).openapi('SessionDetail');

export const MessageHistoryEntry = z
  .object({
    at: time,
    text: z.string(),
    sessionId: z.number().int(),
    protocol: Protocol,
    clientAddress: z.string(),
    clientPort: z.number().int(),
    login: z.string().nullable(),
    clientName: z.string().nullable(),
  })
  .openapi('MessageHistoryEntry');

export const SessionQuery = z.object({
  protocol: Protocol.optional(),
  login: z.string().optional().openapi({ description: 'Only sessions of this login (case-insensitive)' }),
  limit: whole(1000).openapi({ description: 'Page size, default 50' }),
  offset: whole(Number.MAX_SAFE_INTEGER),
});

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const agree = <_ extends true>() => undefined;
agree<Same<z.infer<typeof SessionSummary>, T.SessionSummary>>();
agree<Same<z.infer<typeof SessionDetail>, T.SessionDetail>>();
agree<Same<z.infer<typeof MessageHistoryEntry>, T.MessageHistoryEntry>>();
