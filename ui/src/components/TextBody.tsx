export function TextBody({ text }: { text: string | null }) {
  if (text === null) return <p class="muted">This message has no plain-text part.</p>;
  return <pre class="text-body">{text}</pre>;
}
