/**
 * For the libm tests (libm-correct.test.ts, libm-sweep.test.ts): each correctly rounded
 * function of libm-correct.ts with its BigInt reference from libm-reference.ts, by the
 * name math gives it.
 */
import { crAcos, crAsin, crAtan, crAtan2, crCbrt, crCos, crSin, crTan } from './libm-correct';
import { refAcos, refAsin, refAtan, refAtan2, refCbrt, refCos, refSin, refTan } from './libm-reference';

export type F = (...args: number[]) => number;

/** name → [the engine's function, the reference]. */
export const FUNCTIONS: Record<string, [F, F]> = {
  sin: [crSin, refSin],
  cos: [crCos, refCos],
  tan: [crTan, refTan],
  atan: [crAtan, refAtan],
  asin: [crAsin, refAsin],
  acos: [crAcos, refAcos],
  atan2: [crAtan2, refAtan2],
  cbrt: [crCbrt, refCbrt],
};
