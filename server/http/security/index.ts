export { basicAuthGate } from './basic-auth.ts';
export { browserGuard } from './guard.ts';
export { corsFor } from './cors.ts';
export { PartKeys } from './part-keys.ts';
