import { describe, expect, it } from 'vitest';
import { describeAnswer, sameAnswer, type AnswerForm } from './exercise';

describe('answers', () => {
  it('are the same only with the same kind and the same values', () => {
    expect(sameAnswer({ kind: 'number', value: 3 }, { kind: 'number', value: 3 })).toBe(true);
    expect(sameAnswer({ kind: 'number', value: 3 }, { kind: 'number', value: 4 })).toBe(false);
    expect(sameAnswer({ kind: 'number', value: 3 }, { kind: 'choice', value: '3' })).toBe(false);
    expect(sameAnswer({ kind: 'freed', lines: [3, null] }, { kind: 'freed', lines: [3, null] })).toBe(true);
    expect(sameAnswer({ kind: 'freed', lines: [3, null] }, { kind: 'freed', lines: [3, 4] })).toBe(false);
    expect(sameAnswer({ kind: 'freed', lines: [3] }, { kind: 'freed', lines: [3, null] })).toBe(false);
    expect(
      sameAnswer({ kind: 'collected', found: [true, false] }, { kind: 'collected', found: [true, false] }),
    ).toBe(true);
    expect(
      sameAnswer({ kind: 'collected', found: [true, false] }, { kind: 'collected', found: [true, true] }),
    ).toBe(false);
  });

  it('are described as the person reads them', () => {
    expect(describeAnswer({ kind: 'number', value: 120 }, { kind: 'number', unit: 'bytes' })).toBe(
      '120 bytes',
    );
    const choice: AnswerForm = { kind: 'choice', options: [{ value: '8000056', label: '8000056 bytes' }] };
    expect(describeAnswer({ kind: 'choice', value: '8000056' }, choice)).toBe('8000056 bytes');
    const freed: AnswerForm = { kind: 'freed', objects: ['a', 'b'] };
    expect(describeAnswer({ kind: 'freed', lines: [9, null] }, freed)).toBe('a: line 9; b: still alive');
    const collected: AnswerForm = { kind: 'collected', objects: ['a', 'b', 'c'], collectionLine: 5 };
    expect(describeAnswer({ kind: 'collected', found: [true, false, true] }, collected)).toBe('a, c');
    expect(describeAnswer({ kind: 'collected', found: [false, false, false] }, collected)).toBe(
      'none of them',
    );
  });
});
