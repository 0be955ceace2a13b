// The bytes of one DATA, from the chunks smtp-server emitted. A message that arrived in one chunk
// (most under 64 KB) is kept as that chunk, uncopied, when the chunk's memory is no larger than
// the message: a slice of a bigger buffer would hold all of it, outside the store's byte count.
// Anything else is copied once into a buffer of its own.
/** Memory a kept chunk may hold beyond the message (the end-of-data line and a little more). */
const SLACK = 256;

export function messageBytes(chunks: readonly Buffer[], length: number): Buffer {
  if (chunks.length === 1) {
    const [chunk] = chunks;
    if (chunk.buffer.byteLength <= chunk.length + SLACK) return chunk;
  }
  return Buffer.concat(chunks, length);
}
