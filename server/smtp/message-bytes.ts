// The bytes of one DATA, from the chunks smtp-server emitted. They are kept as those chunks,
// uncopied (the content joins them only when something needs one buffer), when the memory behind
// them is no larger than the message by more than a little: a slice of a bigger buffer would hold
// all of it, outside the store's byte count. Anything else is copied once into a buffer of its own.
/** Memory kept chunks may hold beyond the message (the end-of-data line and a little more)... */
const SLACK = 256;
/** ...plus this share of the message: the ends of the reads a large message arrived in. */
const SLACK_SHARE = 1 / 64;

export function messageBytes(chunks: readonly Buffer[], length: number): Buffer | readonly Buffer[] {
  if (chunks.length && memoryBehind(chunks) <= length + SLACK + length * SLACK_SHARE) return chunks.length === 1 ? chunks[0] : chunks;
  return Buffer.concat(chunks, length);
}

/** Bytes of the distinct buffers the chunks are slices of. */
function memoryBehind(chunks: readonly Buffer[]): number {
  if (chunks.length === 1) return chunks[0].buffer.byteLength;
  const buffers = new Set<ArrayBufferLike>();
  let bytes = 0;
  for (const chunk of chunks) {
    if (buffers.has(chunk.buffer)) continue;
    buffers.add(chunk.buffer);
    bytes += chunk.buffer.byteLength;
  }
  return bytes;
}
