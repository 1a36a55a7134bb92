/**
 * A number per 16-byte-aligned address: the request size of every traced block (what
 * tracemalloc keeps per block), or what was last freed in a block. Addresses are far beyond
 * V8's small integers, and a Map keyed by them costs over a microsecond per insert; so the
 * address space is cut into 1 MiB chunks, each a typed array indexed by the address's 16-byte
 * slot, holding the value + 1 (0: nothing there).
 */

const CHUNK = 1 << 20;
const SLOTS = CHUNK >> 4;

type Values = Uint32Array | Float64Array;

export class AddressTable {
  private readonly chunks = new Map<number, Values>();
  private lastKey = -1;
  private lastChunk: Values | null = null;

  /** `make` chooses the width: Uint32Array for sizes, Float64Array for wider values. */
  constructor(private readonly make: (length: number) => Values) {}

  set(address: number, value: number): void {
    this.chunkOf(address, true)![(address % CHUNK) >> 4] = value + 1;
  }

  /** The value at `address`, or -1 when there is none. */
  get(address: number): number {
    const chunk = this.chunkOf(address, false);
    return chunk === null ? -1 : chunk[(address % CHUNK) >> 4] - 1;
  }

  /** The value at `address`, forgotten (or -1 when there is none). */
  take(address: number): number {
    const chunk = this.chunkOf(address, false);
    if (chunk === null) return -1;
    const slot = (address % CHUNK) >> 4;
    const value = chunk[slot] - 1;
    chunk[slot] = 0;
    return value;
  }

  private chunkOf(address: number, create: boolean): Values | null {
    const key = Math.floor(address / CHUNK);
    if (key === this.lastKey) return this.lastChunk;
    let chunk = this.chunks.get(key);
    if (chunk === undefined) {
      if (!create) return null;
      chunk = this.make(SLOTS);
      this.chunks.set(key, chunk);
    }
    this.lastKey = key;
    this.lastChunk = chunk;
    return chunk;
  }
}
