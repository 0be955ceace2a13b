// List navigation from the keyboard: j/k or arrows move, Enter opens, Delete deletes, Escape closes.
import { closeMessage, openMessage, removeMessage } from './actions.ts';
import { connectionPanelOpen, cursor, faultsPanelOpen, keyboardUsed, openId, revealCursor, rows } from './state.ts';

function typingInField(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
}

function move(by: number): void {
  const last = rows.value.length - 1;
  if (last < 0) return;
  cursor.value = Math.max(0, Math.min(last, cursor.value + by));
  revealCursor.value++;
  // With a message open, moving reads the next one, as mail clients do.
  const row = rows.value[cursor.value];
  if (openId.value !== null && row) void openMessage(row.id);
}

export function onKeyDown(event: KeyboardEvent): void {
  if (event.ctrlKey || event.metaKey || event.altKey || typingInField(event.target)) return;
  const row = rows.value[cursor.value];
  switch (event.key) {
    case 'j':
    case 'ArrowDown':
      move(1);
      break;
    case 'k':
    case 'ArrowUp':
      move(-1);
      break;
    case 'Enter':
      // Enter on a focused button or link activates it, not the list.
      if (!row || (event.target instanceof HTMLElement && event.target.closest('button, a'))) return;
      void openMessage(row.id);
      break;
    case 'Delete': {
      const id = openId.value ?? row?.id;
      if (id === undefined) return;
      void removeMessage(id);
      break;
    }
    case 'Escape':
      if (connectionPanelOpen.value) connectionPanelOpen.value = false;
      else if (faultsPanelOpen.value) faultsPanelOpen.value = false;
      else closeMessage();
      break;
    default:
      return;
  }
  keyboardUsed.value = true;
  event.preventDefault();
}
