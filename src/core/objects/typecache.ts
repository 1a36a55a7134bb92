/**
 * The method cache of _PyType_Lookup: 4096 entries, each the version tag of a type and an
 * attribute name. A lookup that misses fills its entry, which keeps a reference to the name
 * until another lookup takes the entry: an attribute name looked up on a class
 * (`obj.attr`, `obj.method()`, `Class.attr = v`) has one more reference for it. Which
 * entry a lookup takes depends on the name's address, so which entries collide differs
 * from run to run in CPython as in the lab.
 * @cpython Objects/typeobject.c _PyType_Lookup, assign_version_tag, PyType_Modified
 */
import { decref, type PyType } from './object';
import { StrType, type PyStr } from './unicodeobject';

const MCACHE_SIZE_EXP = 12;
const MASK = (1 << MCACHE_SIZE_EXP) - 1;
/** Longer names are not cached (MCACHE_CACHEABLE_NAME). */
const MCACHE_MAX_ATTR_SIZE = 100;

export class TypeAttributeCache {
  private readonly versions = new Uint32Array(1 << MCACHE_SIZE_EXP);
  private readonly names: (PyStr | null)[] = new Array<PyStr | null>(1 << MCACHE_SIZE_EXP).fill(null);
  private nextVersionTag = 1;

  /** Records a lookup of `name` on `type`: a miss fills (and takes a reference for) an entry. */
  lookedUp(type: PyType, name: PyStr): void {
    // MCACHE_HASH_METHOD: the version tag xor the name's address >> 3 (ToInt32 keeps the low bits).
    const nameBits = (name.addr / 8) & MASK;
    const tag = type.versionTag;
    if (tag !== 0) {
      const h = (tag ^ nameBits) & MASK;
      if (this.versions[h] === tag && this.names[h] === name) return;
    }
    if (name.type !== StrType || name.value.length > MCACHE_MAX_ATTR_SIZE) return;
    if (!this.assignVersionTag(type)) return;
    const h = (type.versionTag ^ nameBits) & MASK;
    this.versions[h] = type.versionTag;
    const old = this.names[h];
    name.refcnt++;
    this.names[h] = name;
    if (old !== null) decref(old);
  }

  /** The names the entries hold (CPython keeps them alive too, until an entry is taken). */
  heldNames(): PyStr[] {
    return this.names.filter((name): name is PyStr => name !== null);
  }

  /** assign_version_tag: the type, then its bases, get tags from one counter. */
  private assignVersionTag(type: PyType): boolean {
    if (type.versionTag !== 0) return true;
    type.versionTag = this.nextVersionTag++;
    for (const base of type.bases?.items ?? []) {
      if (!this.assignVersionTag(base as PyType)) return false;
    }
    return true;
  }
}
