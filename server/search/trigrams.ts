// A per-message sketch of which three-character sequences its text holds: 4096 bits, one per
// hashed trigram. A needle whose trigrams are not all set cannot be in the text, so a search skips
// that message without reading it; a set bit may be a collision, so a match is still checked.
const BITS = 4096;
const WORDS = BITS / 32;

function trigramBit(a: number, b: number, c: number): number {
  return (Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca77) ^ Math.imul(c, 0xc2b2ae3d)) >>> 20;
}

export type Trigrams = Uint32Array;

/** The trigrams of every text, in one sketch. */
export function trigramsOf(...texts: string[]): Trigrams {
  const bits = new Uint32Array(WORDS);
  for (const text of texts) {
    if (text.length < 3) continue;
    let a = text.charCodeAt(0);
    let b = text.charCodeAt(1);
    for (let i = 2; i < text.length; i++) {
      const c = text.charCodeAt(i);
      const bit = trigramBit(a, b, c);
      bits[bit >>> 5] |= 1 << (bit & 31);
      a = b;
      b = c;
    }
  }
  return bits;
}

/** The bits a needle needs, or null when it is too short to have a trigram. */
export function needleBits(needle: string): number[] | null {
  if (needle.length < 3) return null;
  const bits = new Set<number>();
  for (let i = 2; i < needle.length; i++) bits.add(trigramBit(needle.charCodeAt(i - 2), needle.charCodeAt(i - 1), needle.charCodeAt(i)));
  return [...bits];
}

export function mayContain(sketch: Trigrams, bits: readonly number[]): boolean {
  for (const bit of bits) if ((sketch[bit >>> 5] & (1 << (bit & 31))) === 0) return false;
  return true;
}
