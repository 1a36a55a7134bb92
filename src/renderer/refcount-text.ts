/**
 * How the views print an object's refcount: a number the engine does not know CPython's
 * value of (a static object no calibration measured) shows as unknown, never as a guess.
 */
import type { SnapshotObject } from '../core';

type Counted = Pick<SnapshotObject, 'refcount' | 'refcountUnknown'>;

/** ob_refcnt as the panels print it. */
export function refcountText(object: Counted): string {
  return object.refcountUnknown ? '?' : String(object.refcount);
}

/** The inspector's explanation of the number. */
export function refcountHint(object: Counted): string {
  return object.refcountUnknown
    ? "unknown: CPython's startup sets this object's count and the lab does not model it"
    : `ob_refcnt; sys.getrefcount() would print ${object.refcount + 1}`;
}
