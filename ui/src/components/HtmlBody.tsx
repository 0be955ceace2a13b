// The mail's HTML, untrusted, in an iframe sandboxed with no scripts and no same-origin access, served
// by /html with a CSP that blocks script, forms and remote loads. Popups are allowed (escaping the
// sandbox) only so that links with target=_blank open as ordinary tabs.
import { htmlUrl } from '../api.ts';
import { remoteImagesFor } from '../state.ts';

export function HtmlBody({ id }: { id: number }) {
  const remote = remoteImagesFor.value === id;
  return (
    <div class="html-body">
      <div class="html-bar">
        {remote ? (
          <span class="muted">Remote images are loaded for this message.</span>
        ) : (
          <>
            <span class="muted">Remote images are blocked.</span>
            <button onClick={() => (remoteImagesFor.value = id)}>Load remote images</button>
          </>
        )}
      </div>
      <iframe
        class="html-frame"
        title="Message HTML"
        sandbox="allow-popups allow-popups-to-escape-sandbox"
        referrerpolicy="no-referrer"
        src={htmlUrl(id, remote)}
      />
    </div>
  );
}
