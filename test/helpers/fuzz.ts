// Deterministic input for the bounded protocol fuzz tests: a seeded PRNG, and command lines that are
// either a known-good line with a few random edits or plain noise. Same seed, same lines, every run.

export function seededRandom(seed: number): () => number {
  return () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
}

export interface LineFuzzerOptions {
  seed: number;
  /** Well-formed lines to start from. */
  seeds: readonly string[];
  /** Characters that matter to the protocol's syntax, inserted at random. */
  alphabet: string;
  /** How many edits a mutated line gets: from `min` to `min + spread - 1`. */
  edits: { min: number; spread: number };
  /** What an edit that splices in another seed inserts (e.g. the seed without its tag). */
  splice: (seed: string) => string;
}

export function lineFuzzer(options: LineFuzzerOptions) {
  const random = seededRandom(options.seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const symbols = [...options.alphabet];
  const mutate = (line: string): string => {
    let out = line;
    const edits = options.edits.min + Math.floor(random() * options.edits.spread);
    for (let i = 0; i < edits; i++) {
      const at = Math.floor(random() * (out.length + 1));
      const kind = random();
      if (kind < 0.3) out = out.slice(0, at) + pick(symbols) + out.slice(at);
      else if (kind < 0.55) out = out.slice(0, at) + out.slice(at + 1 + Math.floor(random() * 5));
      else if (kind < 0.7) out = out.slice(0, at);
      else if (kind < 0.85) out = out.slice(0, at) + options.splice(pick(options.seeds)) + out.slice(at);
      else out = out.slice(0, at) + String.fromCharCode(Math.floor(random() * 256)) + out.slice(at);
    }
    return out;
  };
  const noise = () => Array.from({ length: Math.floor(random() * 80) }, () => String.fromCharCode(Math.floor(random() * 256))).join('');
  return { line: () => (random() < 0.85 ? mutate(pick(options.seeds)) : noise()), random };
}
