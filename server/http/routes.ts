// Every native route, declared once: method, path, the schemas that validate its request and the
// responses it gives. api.ts implements them; /api/v1/openapi.json is generated from them.
import { createRoute, z } from '@hono/zod-openapi';
import * as S from './schemas.ts';

const json = <T extends z.ZodType>(schema: T, description: string) => ({ content: { 'application/json': { schema } }, description });
const error = (description: string) => json(S.ApiError, description);
const body = <T extends z.ZodType>(schema: T) => ({ body: { content: { 'application/json': { schema } }, required: true } });
const binary = (type: string, description: string) => ({ content: { [type]: { schema: z.string().openapi({ format: 'binary' }) } }, description });
const noContent = { description: 'Done' };

export const listMessages = createRoute({
  method: 'get',
  path: '/messages',
  summary: 'List messages, newest first',
  request: { query: S.ListQuery },
  responses: { 200: json(S.MessageList, 'A page of summaries with the counts of the whole list'), 400: error('Bad parameter'), 404: error('No such folder') },
});
export const deleteMessages = createRoute({ method: 'delete', path: '/messages', summary: 'Delete every message', responses: { 204: noContent } });
export const getMessage = createRoute({
  method: 'get',
  path: '/messages/{id}',
  summary: 'One message',
  request: { params: S.IdParam },
  responses: { 200: json(S.MessageDetail, 'The message'), 404: error('No such message') },
});
export const getRaw = createRoute({
  method: 'get',
  path: '/messages/{id}/raw',
  summary: 'The message as received',
  request: { params: S.IdParam, query: S.DownloadQuery },
  responses: { 200: binary('message/rfc822', 'The raw bytes'), 404: error('No such message') },
});
export const getHtml = createRoute({
  method: 'get',
  path: '/messages/{id}/html',
  summary: 'The HTML body, sandboxed by its Content-Security-Policy',
  request: { params: S.IdParam, query: S.HtmlQuery },
  responses: { 200: { content: { 'text/html': { schema: z.string() } }, description: 'An HTML document' }, 404: error('No such message or no HTML') },
});
export const getAttachment = createRoute({
  method: 'get',
  path: '/messages/{id}/attachments/{partId}',
  summary: 'One attachment, decoded',
  request: { params: S.PartParam, query: S.DownloadQuery },
  responses: { 200: binary('application/octet-stream', 'The part, with its own Content-Type'), 404: error('No such message or part') },
});
export const patchMessage = createRoute({
  method: 'patch',
  path: '/messages/{id}',
  summary: 'Change read, flagged, tags or folder',
  request: { params: S.IdParam, ...body(S.MessagePatch) },
  responses: { 200: json(S.MessageDetail, 'The changed message (a move gives it a new id)'), 400: error('Bad body'), 404: error('No such message or folder') },
});
export const deleteMessage = createRoute({
  method: 'delete',
  path: '/messages/{id}',
  summary: 'Delete one message',
  request: { params: S.IdParam },
  responses: { 204: noContent, 404: error('No such message') },
});
export const waitFor = createRoute({
  method: 'get',
  path: '/wait',
  summary: 'The first message matching, already stored or arriving within the timeout',
  request: { query: S.WaitQuery },
  responses: { 200: json(S.MessageDetail, 'The match'), 400: error('Bad parameter'), 408: error('Nothing matched in time') },
});
export const sendMessage = createRoute({
  method: 'post',
  path: '/send',
  summary: 'Compose a message and store it as if it came over SMTP',
  request: body(S.SendRequest),
  responses: { 201: json(S.MessageDetail, 'The stored message'), 400: error('Bad draft') },
});
export const listTags = createRoute({ method: 'get', path: '/tags', summary: 'Every tag with its counts', responses: { 200: json(z.array(S.TagInfo), 'Tags') } });
export const listMailboxes = createRoute({
  method: 'get',
  path: '/mailboxes',
  summary: 'Recipient addresses with their counts',
  responses: { 200: json(z.array(S.MailboxInfo), 'Mailboxes') },
});
export const listFolders = createRoute({ method: 'get', path: '/folders', summary: 'Folders with their counts', responses: { 200: json(z.array(S.FolderInfo), 'Folders') } });
export const health = createRoute({ method: 'get', path: '/health', summary: 'Status, store size and listeners', responses: { 200: json(S.HealthInfo, 'Health') } });

const faultsUnavailable = error('This server runs without fault rules (an HttpDeps without faults)');
export const getFaults = createRoute({
  method: 'get',
  path: '/faults',
  summary: 'The fault rules with their counters, and the recent firings',
  responses: { 200: json(S.FaultsState, 'Rules and log'), 404: faultsUnavailable },
});
export const putFaults = createRoute({
  method: 'put',
  path: '/faults',
  summary: 'Replace the fault rules; counters, seeds and the log start again',
  request: body(S.FaultRules),
  responses: { 200: json(S.FaultsState, 'The new rules'), 400: error('A bad rule, named'), 404: faultsUnavailable },
});
export const addFaults = createRoute({
  method: 'post',
  path: '/faults',
  summary: 'Add fault rules after the existing ones',
  request: body(S.FaultRules),
  responses: { 200: json(S.FaultsState, 'All rules'), 400: error('A bad rule, named'), 404: faultsUnavailable },
});
export const clearFaults = createRoute({ method: 'delete', path: '/faults', summary: 'Remove every fault rule', responses: { 204: noContent, 404: faultsUnavailable } });
export const releaseMessage = createRoute({
  method: 'post',
  path: '/messages/{id}/release',
  summary: 'Send the raw message unchanged through --relay, to its envelope recipients or to "to"',
  request: { params: S.IdParam, body: { content: { 'application/json': { schema: S.ReleaseRequest } }, required: false } },
  responses: {
    200: json(S.ReleaseResult, 'The relay took the message (rejected lists the recipients it refused)'),
    400: error('No recipients'),
    403: error('A recipient outside --relay-allow'),
    404: error('No such message'),
    409: error('No --relay configured'),
    502: error("The relay refused the message; the message is the relay's reply"),
  },
});
