/**
 * pymalloc, the small-object allocator of CPython 3.11 (64-bit build, radix tree on).
 * @cpython Objects/obmalloc.c
 *
 * Memory is modelled, not allocated: every request gets the address CPython would hand
 * out given the same sequence of requests, so `id()` and its reuse behave as in CPython.
 *
 *   arena (1 MiB, from mmap) ─▶ pools (16 KiB, 63 when the arena is not pool-aligned)
 *   pool ─▶ blocks of one size class (16, 32, …, 512 bytes)
 *
 * Pool states (see NOTES.md): *used* (in `usedpools[class]`), *full* (in no list),
 * *empty* (on its arena's `freepools`, may later serve any class). A pool's free blocks
 * form a LIFO list; blocks never handed out are carved lazily (`nextoffset`).
 * `usable_arenas` is sorted by ascending `nfreepools` so that nearly empty arenas drain.
 * Requests over 512 bytes (and of 0 bytes) go to the system allocator (RawHeap).
 */
import {
  ALIGNMENT_SHIFT,
  ARENA_SIZE,
  INITIAL_ARENA_OBJECTS,
  POOL_BITS,
  MAX_POOLS_IN_ARENA,
  NB_SMALL_SIZE_CLASSES,
  POOL_OVERHEAD,
  POOL_SIZE,
  SMALL_REQUEST_THRESHOLD,
} from '../profiles/cpython311';
import { RawHeap } from './rawheap';

export class Pool {
  /** Number of allocated blocks (`ref.count`). */
  count = 0;
  /** Free list, most recently freed last (LIFO). */
  free: number[] = [];
  nextoffset = 0;
  maxnextoffset = 0;
  /** Size class index; -1 (DUMMY_SIZE_IDX) before first use. */
  szidx = -1;
  /** The size class's block size in bytes (0 before first use). */
  blockSize = 0;
  nextpool: Pool | null = null;
  prevpool: Pool | null = null;
  constructor(
    readonly address: number,
    readonly arena: Arena,
  ) {}
}

export class Arena {
  /** The next pool never carved yet. */
  poolAddress: number;
  nfreepools: number;
  readonly ntotalpools: number;
  /** Pools that became empty, most recent first (singly linked through nextpool). */
  freepools: Pool | null = null;
  nextarena: Arena | null = null;
  prevarena: Arena | null = null;
  /** Every pool carved so far, by address, for the allocator views: pools[j] is at poolBase + j * POOL_SIZE. */
  readonly pools: Pool[] = [];
  /** The first pool's address (the arena's first pool-aligned address). */
  readonly poolBase: number;
  constructor(
    readonly index: number,
    readonly address: number,
  ) {
    this.poolAddress = address;
    this.nfreepools = MAX_POOLS_IN_ARENA;
    const excess = address & (POOL_SIZE - 1);
    if (excess !== 0) {
      this.nfreepools--;
      this.poolAddress += POOL_SIZE - excess;
    }
    this.poolBase = this.poolAddress;
    this.ntotalpools = this.nfreepools;
  }
}

/** Where a new arena is mapped: mmap hands out page-aligned, not pool-aligned, addresses. */
const ARENA_BASE = 0x7f4a_1c00_0000;
const ARENA_STRIDE = ARENA_SIZE + 0x1000;

export class ObMalloc {
  /** usedpools[c]: circular list header for size class c (a sentinel pool). */
  private readonly usedpools: Pool[] = [];
  private usableArenas: Arena | null = null;
  /** nfp2lasta[n]: the last arena in usable_arenas with n free pools. */
  private readonly nfp2lasta: (Arena | null)[] = new Array(MAX_POOLS_IN_ARENA + 1).fill(null);
  /** Live arenas by index (null once unmapped); indexes are reused like arena objects. */
  readonly arenas: (Arena | null)[] = [];
  private readonly unusedArenaSlots: number[] = [];
  private nextArenaAddress = ARENA_BASE;
  private readonly releasedArenaAddresses: number[] = [];
  /**
   * Mapped arenas by their place in the address space (every arena address is
   * ARENA_BASE + k * ARENA_STRIDE): the pool of a block is found by arithmetic, as
   * obmalloc's radix tree does, not by a hash lookup.
   */
  private readonly arenaBySlot: (Arena | null)[] = [];
  readonly raw = new RawHeap();
  /** Bytes of address space mapped for arenas. */
  mappedArenaBytes = 0;
  arenasAllocatedTotal = 0;
  arenasHighwater = 0;
  /** Bytes in blocks handed out (block sizes, not request sizes). */
  bytesInBlocks = 0;
  /** Blocks handed out (the sum of every pool's `ref.count`). */
  blocksInUse = 0;

  constructor() {
    const dummyArena = new Arena(-1, POOL_SIZE);
    for (let c = 0; c < NB_SMALL_SIZE_CLASSES; c++) {
      const header = new Pool(-1, dummyArena);
      header.nextpool = header.prevpool = header;
      this.usedpools.push(header);
    }
  }

  /** PyObject_Malloc: the address of a block for `nbytes`. */
  malloc(nbytes: number): number {
    if (nbytes === 0 || nbytes > SMALL_REQUEST_THRESHOLD) return this.raw.malloc(nbytes);
    const size = (nbytes - 1) >> ALIGNMENT_SHIFT;
    const header = this.usedpools[size];
    const pool = header.nextpool!;
    this.bytesInBlocks += (size + 1) << ALIGNMENT_SHIFT;
    this.blocksInUse++;
    if (pool !== header) {
      pool.count++;
      const bp = pool.free.pop()!;
      if (pool.free.length === 0) this.extendPool(pool, size);
      return bp;
    }
    return this.allocateFromNewPool(size);
  }

  /** PyObject_Free. */
  free(address: number): void {
    const pool = this.poolAt(address);
    if (pool === undefined) {
      this.raw.free(address);
      return;
    }
    this.bytesInBlocks -= pool.blockSize;
    this.blocksInUse--;
    const wasFull = pool.free.length === 0;
    pool.free.push(address);
    pool.count--;
    if (wasFull) {
      this.insertToUsedpool(pool);
      return;
    }
    if (pool.count !== 0) return;
    this.insertToFreepool(pool);
  }

  /**
   * PyObject_Realloc: the block stays where it is when the new size fits and shrinks by
   * less than a quarter; otherwise a new block is taken and the old one freed.
   * @cpython Objects/obmalloc.c pymalloc_realloc
   */
  realloc(address: number, nbytes: number): number {
    if (address === 0) return this.malloc(nbytes);
    const pool = this.poolAt(address);
    if (pool === undefined) {
      // pymalloc never takes over a block the system allocator owns.
      return this.raw.realloc(address, nbytes);
    }
    const size = pool.blockSize;
    if (nbytes <= size && 4 * nbytes > 3 * size) return address;
    const moved = this.malloc(nbytes);
    this.free(address);
    return moved;
  }

  /** Whether `address` is a pymalloc block (false for system-allocator blocks). */
  isSmall(address: number): boolean {
    // Arenas and the system heap are far apart, so a pool hit is conclusive.
    return this.poolAt(address) !== undefined;
  }

  /** The pool that holds `address`, if pymalloc owns it. */
  poolOf(address: number): Pool | undefined {
    return this.poolAt(address);
  }

  /** The carved pool of a mapped arena that holds `address`, if any. */
  private poolAt(address: number): Pool | undefined {
    const rel = address - ARENA_BASE;
    const slots = this.arenaBySlot;
    if (rel < 0 || rel >= slots.length * ARENA_STRIDE) return undefined;
    // Integer arithmetic (the quotient is a small index), not doubles used as array keys.
    const arena = slots[(rel / ARENA_STRIDE) | 0];
    if (arena === null) return undefined;
    const offset = address - arena.poolBase;
    if (offset < 0 || offset >= ARENA_SIZE) return undefined;
    return arena.pools[offset >> POOL_BITS];
  }

  /** The pool the next allocation of size class `szidx` takes a block from, if one is in use. */
  usedPoolHead(szidx: number): Pool | null {
    const header = this.usedpools[szidx];
    return header.nextpool === header ? null : header.nextpool;
  }

  liveArenas(): Arena[] {
    return this.arenas.filter((a): a is Arena => a !== null);
  }

  /** Bytes mapped for arenas plus bytes the system allocator holds. */
  footprint(): number {
    return this.mappedArenaBytes + this.raw.bytesInUse;
  }

  // ---------------------------------------------------------------- internals

  /** @cpython Objects/obmalloc.c pymalloc_pool_extend */
  private extendPool(pool: Pool, size: number): void {
    if (pool.nextoffset <= pool.maxnextoffset) {
      pool.free.push(pool.address + pool.nextoffset);
      pool.nextoffset += (size + 1) << ALIGNMENT_SHIFT;
      return;
    }
    // Full: unlink from usedpools.
    const next = pool.nextpool!;
    const prev = pool.prevpool!;
    next.prevpool = prev;
    prev.nextpool = next;
  }

  /** @cpython Objects/obmalloc.c allocate_from_new_pool */
  private allocateFromNewPool(size: number): number {
    if (this.usableArenas === null) {
      const arena = this.newArena();
      arena.nextarena = arena.prevarena = null;
      this.usableArenas = arena;
      this.nfp2lasta[arena.nfreepools] = arena;
    }
    const ua = this.usableArenas;
    if (this.nfp2lasta[ua.nfreepools] === ua) this.nfp2lasta[ua.nfreepools] = null;
    if (ua.nfreepools > 1) this.nfp2lasta[ua.nfreepools - 1] = ua;

    let pool = ua.freepools;
    if (pool !== null) {
      ua.freepools = pool.nextpool;
      ua.nfreepools--;
      if (ua.nfreepools === 0) this.dropFullArena(ua);
    } else {
      pool = new Pool(ua.poolAddress, ua);
      ua.pools.push(pool);
      ua.poolAddress += POOL_SIZE;
      ua.nfreepools--;
      if (ua.nfreepools === 0) this.dropFullArena(ua);
    }

    const header = this.usedpools[size];
    const next = header.nextpool!;
    pool.nextpool = next;
    pool.prevpool = header;
    next.prevpool = pool;
    header.nextpool = pool;
    pool.count = 1;
    // malloc() has counted the block in bytesInBlocks and blocksInUse already.
    const blockSize = (size + 1) << ALIGNMENT_SHIFT;
    if (pool.szidx === size) {
      // The pool last served this class: its free list is still valid.
      const bp = pool.free.pop()!;
      if (pool.free.length === 0) this.extendPool(pool, size);
      return bp;
    }
    pool.szidx = size;
    pool.blockSize = blockSize;
    const bp = pool.address + POOL_OVERHEAD;
    pool.nextoffset = POOL_OVERHEAD + (blockSize << 1);
    pool.maxnextoffset = POOL_SIZE - blockSize;
    pool.free = [bp + blockSize];
    return bp;
  }

  private dropFullArena(arena: Arena): void {
    this.usableArenas = arena.nextarena;
    if (this.usableArenas !== null) this.usableArenas.prevarena = null;
  }

  /** @cpython Objects/obmalloc.c new_arena */
  private newArena(): Arena {
    let index = this.unusedArenaSlots.pop();
    if (index === undefined) {
      const grow = this.arenas.length === 0 ? INITIAL_ARENA_OBJECTS : this.arenas.length;
      const start = this.arenas.length;
      for (let i = start + grow - 1; i >= start; i--) this.unusedArenaSlots.push(i);
      for (let i = 0; i < grow; i++) this.arenas.push(null);
      index = this.unusedArenaSlots.pop()!;
    }
    let address = this.releasedArenaAddresses.pop();
    if (address === undefined) {
      address = this.nextArenaAddress;
      this.nextArenaAddress += ARENA_STRIDE;
    }
    const arena = new Arena(index, address);
    this.arenas[index] = arena;
    const slot = (address - ARENA_BASE) / ARENA_STRIDE;
    while (this.arenaBySlot.length <= slot) this.arenaBySlot.push(null);
    this.arenaBySlot[slot] = arena;
    this.mappedArenaBytes += ARENA_SIZE;
    this.arenasAllocatedTotal++;
    this.arenasHighwater = Math.max(this.arenasHighwater, this.liveArenas().length);
    return arena;
  }

  /** @cpython Objects/obmalloc.c insert_to_usedpool */
  private insertToUsedpool(pool: Pool): void {
    const header = this.usedpools[pool.szidx];
    const next = header.nextpool!;
    pool.nextpool = next;
    pool.prevpool = header;
    next.prevpool = pool;
    header.nextpool = pool;
  }

  /** @cpython Objects/obmalloc.c insert_to_freepool */
  private insertToFreepool(pool: Pool): void {
    const next = pool.nextpool!;
    const prev = pool.prevpool!;
    next.prevpool = prev;
    prev.nextpool = next;
    const ao = pool.arena;
    pool.nextpool = ao.freepools;
    ao.freepools = pool;
    let nf = ao.nfreepools;
    const lastnf = this.nfp2lasta[nf];
    if (lastnf === ao) {
      const p = ao.prevarena;
      this.nfp2lasta[nf] = p !== null && p.nfreepools === nf ? p : null;
    }
    ao.nfreepools = ++nf;

    if (nf === ao.ntotalpools && ao.nextarena !== null) {
      // Wholly free and not the last usable arena: unmap it (bpo-37257 keeps the last).
      if (ao.prevarena === null) this.usableArenas = ao.nextarena;
      else ao.prevarena.nextarena = ao.nextarena;
      ao.nextarena.prevarena = ao.prevarena;
      this.releaseArena(ao);
      return;
    }
    if (nf === 1) {
      ao.nextarena = this.usableArenas;
      ao.prevarena = null;
      if (this.usableArenas !== null) this.usableArenas.prevarena = ao;
      this.usableArenas = ao;
      if (this.nfp2lasta[1] === null) this.nfp2lasta[1] = ao;
      return;
    }
    if (this.nfp2lasta[nf] === null) this.nfp2lasta[nf] = ao;
    if (ao === lastnf) return;
    // Slide right, after the last arena with nf free pools.
    if (ao.prevarena !== null) ao.prevarena.nextarena = ao.nextarena;
    else this.usableArenas = ao.nextarena;
    ao.nextarena!.prevarena = ao.prevarena;
    ao.prevarena = lastnf;
    ao.nextarena = lastnf!.nextarena;
    if (ao.nextarena !== null) ao.nextarena.prevarena = ao;
    lastnf!.nextarena = ao;
  }

  private releaseArena(ao: Arena): void {
    this.arenaBySlot[(ao.address - ARENA_BASE) / ARENA_STRIDE] = null;
    this.arenas[ao.index] = null;
    this.mappedArenaBytes -= ARENA_SIZE;
    this.unusedArenaSlots.push(ao.index);
    // munmap then mmap of the same size tends to return the same range.
    this.releasedArenaAddresses.push(ao.address);
  }
}
