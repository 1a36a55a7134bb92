import { describe, expect, it } from 'vitest';
import { refcountHint, refcountText } from './refcount-text';

describe('refcountText', () => {
  it('prints a known count and what sys.getrefcount would print', () => {
    expect(refcountText({ refcount: 3 })).toBe('3');
    expect(refcountHint({ refcount: 3 })).toContain('would print 4');
  });
  it('prints an unknown count as unknown, not as the engine placeholder', () => {
    expect(refcountText({ refcount: 7, refcountUnknown: true })).toBe('?');
    expect(refcountHint({ refcount: 7, refcountUnknown: true })).toMatch(/^unknown/);
  });
});
