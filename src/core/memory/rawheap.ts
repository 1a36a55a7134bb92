/**
 * The system allocator (libc malloc) behind PyMem_RawMalloc: requests pymalloc does not
 * serve (over 512 bytes, or 0 bytes). glibc's real placement depends on the whole
 * process, so this model only keeps what a person can observe from Python: addresses are
 * 16-byte aligned, distinct while alive, and a freed chunk is reused first by the next
 * request of the same rounded size (glibc's tcache/fastbin LIFO behaviour).
 */

const HEAP_BASE = 0x55d0_4a00_0000;
/** glibc's chunk header plus rounding to 16. */
const chunkSize = (n: number): number => Math.max(32, (n + 8 + 15) & ~15);

export class RawHeap {
  private top = HEAP_BASE;
  private readonly sizes = new Map<number, number>();
  private readonly freeBySize = new Map<number, number[]>();
  bytesInUse = 0;

  malloc(nbytes: number): number {
    const size = chunkSize(nbytes);
    const reusable = this.freeBySize.get(size);
    let address: number;
    if (reusable !== undefined && reusable.length > 0) {
      address = reusable.pop()!;
    } else {
      address = this.top + 16;
      this.top += size;
    }
    this.sizes.set(address, size);
    this.bytesInUse += size;
    return address;
  }

  free(address: number): void {
    const size = this.sizes.get(address);
    if (size === undefined) return;
    this.sizes.delete(address);
    this.bytesInUse -= size;
    let list = this.freeBySize.get(size);
    if (list === undefined) this.freeBySize.set(size, (list = []));
    list.push(address);
  }

  realloc(address: number, nbytes: number): number {
    const size = this.sizes.get(address);
    if (size !== undefined && chunkSize(nbytes) <= size) return address;
    const moved = this.malloc(nbytes);
    this.free(address);
    return moved;
  }

  owns(address: number): boolean {
    return this.sizes.has(address);
  }

  /** Live chunks as [address, size] pairs, for the allocator views. */
  chunks(): [number, number][] {
    return [...this.sizes.entries()];
  }
}
