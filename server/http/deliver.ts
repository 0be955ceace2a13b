// Stores a draft sent over HTTP as if it had come over SMTP: composed into real MIME, tagged from
// its own headers like SMTP mail, plus the tags the request names.
import type { Config } from '../config.ts';
import { composeMail, draftEnvelope, type Draft } from '../mail/compose.ts';
import { createContent, tagKeywords, tagsFromMail, type MessageStore, type StoredMessage } from '../store/index.ts';

export async function deliverDraft(store: MessageStore, config: Config, draft: Draft, tags: string[] = []): Promise<StoredMessage> {
  const content = createContent(await composeMail(draft));
  const envelope = draftEnvelope(draft);
  const flags = tagKeywords([...tagsFromMail(content, envelope, config.tagsPlusAddressing), ...tags]);
  return store.add(content, envelope, { flags });
}
