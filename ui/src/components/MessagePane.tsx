// The open message: actions, headers, attachments and one body view at a time.
import { detail, openGone, openId, tab } from '../state.ts';
import { AttachmentList } from './AttachmentList.tsx';
import { HeadersTable } from './HeadersTable.tsx';
import { HtmlBody } from './HtmlBody.tsx';
import { MessageActions } from './MessageActions.tsx';
import { MessageHeader } from './MessageHeader.tsx';
import { MessageTabs } from './MessageTabs.tsx';
import { ParseErrors } from './ParseErrors.tsx';
import { SourceView } from './SourceView.tsx';
import { TagEditor } from './TagEditor.tsx';
import { TextBody } from './TextBody.tsx';

export function MessagePane() {
  if (openId.value === null) {
    return (
      <section class="message-pane placeholder">
        <p class="muted">Select a message. Keys: j/k or ↑/↓ to move, Enter to open, Delete to delete.</p>
      </section>
    );
  }
  const message = detail.value;
  if (!message) return <section class="message-pane placeholder" aria-busy="true" />;
  return (
    <article class="message-pane" aria-label="Message" data-testid="message-view">
      <MessageActions message={message} />
      {openGone.value && <p class="banner">This message has been deleted or moved; what you see is what it was.</p>}
      <MessageHeader message={message} />
      <TagEditor message={message} />
      <ParseErrors errors={message.parseErrors} />
      <AttachmentList message={message} />
      <MessageTabs hasHtml={message.html !== null} />
      <div class="message-body">
        {tab.value === 'html' && message.html !== null && <HtmlBody id={message.id} />}
        {tab.value === 'text' && <TextBody text={message.text} />}
        {tab.value === 'headers' && <HeadersTable headers={message.headers} />}
        {tab.value === 'source' && <SourceView id={message.id} />}
      </div>
    </article>
  );
}
