// Sizes as people write them: 1048576, 512k, 25m, 1g (k/m/g are powers of 1024; kb, KiB alike).

const UNITS: Record<string, number> = { '': 1, b: 1, k: 1024, kb: 1024, m: 1024 ** 2, mb: 1024 ** 2, g: 1024 ** 3, gb: 1024 ** 3 };

/** The size in bytes, or null when the text is not a size above 0. */
export function parseSize(text: string): number | null {
  const match = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(text.trim());
  const unit = match ? UNITS[match[2].toLowerCase().replace(/ib$/, 'b')] : undefined;
  if (!match || unit === undefined) return null;
  const n = Math.floor(Number(match[1]) * unit);
  return n > 0 ? n : null;
}
