// The connection caps of one listener: a global one and a lower one per client address, so a
// single client (a leaking pool, a slowloris) cannot take every slot from the others.

export type Admission = 'admitted' | 'full' | 'address-full';

export class ConnectionGate {
  readonly #byAddress = new Map<string, number>();
  #open = 0;

  constructor(
    readonly max: number,
    readonly maxPerAddress: number,
  ) {}

  /** Counts the connection in when there is room; every admitted one must be released once. */
  admit(address: string | undefined): Admission {
    const key = address ?? '';
    const held = this.#byAddress.get(key) ?? 0;
    if (this.#open >= this.max) return 'full';
    if (held >= this.maxPerAddress) return 'address-full';
    this.#open++;
    this.#byAddress.set(key, held + 1);
    return 'admitted';
  }

  release(address: string | undefined): void {
    const key = address ?? '';
    const held = this.#byAddress.get(key);
    if (!held) return;
    this.#open--;
    if (held === 1) this.#byAddress.delete(key);
    else this.#byAddress.set(key, held - 1);
  }

  get open(): number {
    return this.#open;
  }
}

export function refusalText(admission: Exclude<Admission, 'admitted'>): string {
  return admission === 'full' ? 'too many connections, try again later' : 'too many connections from your address, try again later';
}
