// The virtualized list: rows have one fixed height, so only the ones in view (plus a margin) are in
// the DOM, and the scroll range is the whole filtered list even before its pages are loaded.
import { useSignal, useSignalEffect } from '@preact/signals';
import { useEffect, useLayoutEffect, useRef } from 'preact/hooks';
import { showRange } from '../list.ts';
import { changes } from '../list-rows.ts';
import { cursor, filter, keyboardUsed, listLoaded, now, openId, revealCursor, rows } from '../state.ts';
import { EmptyList } from './EmptyList.tsx';
import { MessageRow, ROW_HEIGHT } from './MessageRow.tsx';

const OVERSCAN = 6;
/** Past a counted burst (e.g. after a reload), how far down the top row is sought before the list stops following. */
const MAX_FOLLOW = 50;

export function MessageList() {
  const scroller = useRef<HTMLDivElement>(null);
  const scrollTop = useSignal(0);
  const viewportHeight = useSignal(0);
  const firstIdBefore = useRef<number | undefined>(undefined);
  const addedBefore = useRef(changes.addedOnTop);

  useEffect(() => {
    const element = scroller.current!;
    const observer = new ResizeObserver(() => (viewportHeight.value = element.clientHeight));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  useSignalEffect(() => {
    void filter.value;
    if (scroller.current) scroller.current.scrollTop = 0;
  });

  // Bring the cursor's row into view when the keyboard moves it; live changes that move it do not scroll.
  useSignalEffect(() => {
    void revealCursor.value;
    const element = scroller.current;
    if (!element) return;
    const top = cursor.peek() * ROW_HEIGHT;
    if (top < element.scrollTop) element.scrollTop = top;
    else if (top + ROW_HEIGHT > element.scrollTop + element.clientHeight) element.scrollTop = top + ROW_HEIGHT - element.clientHeight;
  });

  const all = rows.value;
  // Mail arriving on top must not move what the reader is looking at further down.
  useLayoutEffect(() => {
    const element = scroller.current!;
    const before = firstIdBefore.current;
    firstIdBefore.current = all[0]?.id;
    const arrived = changes.addedOnTop - addedBefore.current;
    addedBefore.current = changes.addedOnTop;
    if (before === undefined || element.scrollTop === 0 || all[0]?.id === before) return;
    // Live events come in bursts (one render per frame), so the rows added on top are counted, not sought.
    const shift = all[arrived]?.id === before ? arrived : all.slice(0, MAX_FOLLOW).findIndex((row) => row?.id === before);
    if (shift > 0) element.scrollTop += shift * ROW_HEIGHT;
  }, [all]);

  const first = Math.max(0, Math.floor(scrollTop.value / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(all.length - 1, Math.ceil((scrollTop.value + viewportHeight.value) / ROW_HEIGHT) + OVERSCAN);
  useEffect(() => showRange(first, last), [first, last, all]);

  const visible = [];
  for (let index = first; index <= last; index++) {
    const message = all[index];
    visible.push(
      <MessageRow
        key={message?.id ?? `loading-${index}`}
        message={message}
        top={index * ROW_HEIGHT}
        isCursor={keyboardUsed.value && index === cursor.value}
        isOpen={message !== undefined && message.id === openId.value}
        now={now.value}
      />,
    );
  }

  return (
    <section class="list-pane" aria-label="Messages">
      <div class="list-scroller" ref={scroller} onScroll={(event) => (scrollTop.value = event.currentTarget.scrollTop)} role="listbox" data-testid="message-list">
        <div class="list-spacer" style={`height:${all.length * ROW_HEIGHT}px`}>
          {visible}
        </div>
        {listLoaded.value && all.length === 0 && <EmptyList />}
      </div>
    </section>
  );
}
