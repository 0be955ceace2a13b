// The Sessions page: the live list beside the open session.
import { SessionList } from './SessionList.tsx';
import { SessionTranscript } from './SessionTranscript.tsx';

export function SessionsView() {
  return (
    <div class="sessions">
      <SessionList />
      <SessionTranscript />
    </div>
  );
}
