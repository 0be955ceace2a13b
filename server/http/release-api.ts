// Release failures as HTTP: the dialects (native, Mailpit) share the relay and map its errors here.
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ReleaseError, type ReleaseFailure } from '../relay/relay.ts';
import { HttpError } from './errors.ts';

export const RELEASE_STATUS: Record<ReleaseFailure, ContentfulStatusCode> = {
  'no-relay': 409,
  'no-recipients': 400,
  'not-allowed': 403,
  'relay-refused': 502,
};

/** Runs a release, turning a ReleaseError into the native API's HttpError. */
export async function releasing<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof ReleaseError) throw new HttpError(RELEASE_STATUS[err.kind], err.kind, err.message);
    throw err;
  }
}
