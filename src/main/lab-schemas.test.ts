import { describe, expect, it } from 'vitest';
import { MAX_SOURCE_CHARS } from '../shared/lab-api';
import { LabError } from '../shared/lab-error';
import { isLabMethod, parsePayload, socketRequestSchema } from './lab-schemas';

function invalid(fn: () => unknown): LabError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(LabError);
    expect((error as LabError).name).toBe('InvalidRequest');
    return error as LabError;
  }
  throw new Error('expected an InvalidRequest error');
}

describe('run payload', () => {
  it('accepts a run id and a program', () => {
    expect(parsePayload('run', { runId: 1, source: 'print(1)' })).toEqual({ runId: 1, source: 'print(1)' });
  });

  it.each([
    ['nothing', undefined],
    ['a string', 'print(1)'],
    ['no source', { runId: 1 }],
    ['a numeric source', { runId: 1, source: 42 }],
    ['a fractional run id', { runId: 1.5, source: '' }],
    ['a negative run id', { runId: -1, source: '' }],
    ['an extra field', { runId: 1, source: '', stepBudget: 10 }],
    ['an array', [1, 'x']],
  ])('rejects %s', (_label, payload) => {
    expect(invalid(() => parsePayload('run', payload)).message).toMatch(/^Invalid run request: /);
  });

  it('rejects a program over the size limit and says why', () => {
    const error = invalid(() => parsePayload('run', { runId: 1, source: 'x'.repeat(MAX_SOURCE_CHARS + 1) }));
    expect(error.message).toContain(`at most ${MAX_SOURCE_CHARS} characters`);
    expect(error.message).toContain('source');
  });

  it('accepts a program exactly at the limit', () => {
    expect(() => parsePayload('run', { runId: 1, source: 'x'.repeat(MAX_SOURCE_CHARS) })).not.toThrow();
  });
});

describe('stop payload', () => {
  it('accepts an empty object only', () => {
    expect(parsePayload('stop', {})).toEqual({});
    invalid(() => parsePayload('stop', { force: true }));
    invalid(() => parsePayload('stop', undefined));
  });
});

describe('snapshot payload', () => {
  it('accepts a step number', () => {
    expect(parsePayload('snapshot', { step: 0 })).toEqual({ step: 0 });
    expect(parsePayload('snapshot', { step: 9_999_999 })).toEqual({ step: 9_999_999 });
  });

  it.each([
    ['nothing', undefined],
    ['a bare number', 3],
    ['a string step', { step: '3' }],
    ['a negative step', { step: -1 }],
    ['a fractional step', { step: 0.5 }],
    ['an infinite step', { step: Infinity }],
    ['a step beyond safe integers', { step: 2 ** 60 }],
    ['an extra field', { step: 1, source: 'x' }],
  ])('rejects %s', (_label, payload) => {
    expect(invalid(() => parsePayload('snapshot', payload)).message).toMatch(/^Invalid snapshot request: /);
  });
});

describe('CPython payloads', () => {
  it('accepts a status request and a program to run', () => {
    expect(parsePayload('cpythonStatus', {})).toEqual({});
    expect(parsePayload('runInCPython', { source: 'print(1)' })).toEqual({ source: 'print(1)' });
  });

  it.each([
    ['nothing', undefined],
    ['a bare string', 'print(1)'],
    ['a numeric source', { source: 1 }],
    ['an extra field', { source: '', python: '/bin/sh' }],
  ])('rejects %s as a program to run', (_label, payload) => {
    expect(invalid(() => parsePayload('runInCPython', payload)).message).toMatch(
      /^Invalid runInCPython request: /,
    );
  });

  it('rejects a status request with fields', () => {
    invalid(() => parsePayload('cpythonStatus', { command: 'python2' }));
  });

  it('rejects a program over the size limit', () => {
    const error = invalid(() => parsePayload('runInCPython', { source: 'x'.repeat(MAX_SOURCE_CHARS + 1) }));
    expect(error.message).toContain(`at most ${MAX_SOURCE_CHARS} characters`);
  });
});

describe('methods and socket requests', () => {
  it('knows exactly the LabApi methods', () => {
    expect(isLabMethod('run')).toBe(true);
    expect(isLabMethod('stop')).toBe(true);
    expect(isLabMethod('snapshot')).toBe(true);
    expect(isLabMethod('cpythonStatus')).toBe(true);
    expect(isLabMethod('runInCPython')).toBe(true);
    expect(isLabMethod('toString')).toBe(false);
    expect(isLabMethod('__proto__')).toBe(false);
  });

  it('validates the socket envelope', () => {
    expect(socketRequestSchema.safeParse({ seq: 1, method: 'run', payload: {} }).success).toBe(true);
    expect(socketRequestSchema.safeParse({ seq: '1', method: 'run', payload: {} }).success).toBe(false);
    expect(socketRequestSchema.safeParse({ seq: 1, method: 'x'.repeat(65), payload: {} }).success).toBe(
      false,
    );
    expect(socketRequestSchema.safeParse({ seq: 1, method: 'run', payload: {}, extra: 1 }).success).toBe(
      false,
    );
  });
});
