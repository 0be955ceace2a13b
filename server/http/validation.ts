// A request that fails its route's schema becomes our usual JSON error: 400, `bad-body` for the
// JSON body and `bad-parameter` for the path or query, with the first problem named.
import type { Context } from 'hono';
import type { ZodError } from 'zod';
import { HttpError } from './errors.ts';

function describe(error: ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid request';
  if (issue.code === 'unrecognized_keys') return `unknown field ${issue.keys[0]}`;
  const where = issue.path.join('.');
  return where && !issue.message.startsWith(where) ? `${where} ${issue.message}` : issue.message;
}

export function validationError(result: { success: boolean; error?: ZodError; target: string }, _c: Context): void {
  if (result.success || !result.error) return;
  throw new HttpError(400, result.target === 'json' ? 'bad-body' : 'bad-parameter', describe(result.error));
}
