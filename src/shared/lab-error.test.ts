import { describe, expect, it } from 'vitest';
import { LabError, serializeError, unwrapOutcome } from './lab-error';

describe('errors across a transport', () => {
  it('keeps the name and message of a LabError', () => {
    expect(serializeError(new LabError('Busy', 'already running'))).toEqual({
      name: 'Busy',
      message: 'already running',
    });
  });

  it('reports anything else as an EngineError', () => {
    expect(serializeError(new RangeError('too deep'))).toEqual({ name: 'EngineError', message: 'too deep' });
    expect(serializeError('text')).toEqual({ name: 'EngineError', message: 'text' });
  });

  it('rebuilds the LabError on the receiving side', () => {
    expect(unwrapOutcome({ ok: true, value: 3 })).toBe(3);
    const error = (() => {
      try {
        unwrapOutcome({ ok: false, error: { name: 'Stopped', message: 'Stopped.' } });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(LabError);
    expect(error).toMatchObject({ name: 'Stopped', message: 'Stopped.' });
  });
});
