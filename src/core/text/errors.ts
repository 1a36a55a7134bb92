/**
 * The one error type the text algorithms throw. They know nothing of Python objects,
 * so they name the exception class and the exact CPython message; the interpreter
 * turns a TextError into the matching Python exception.
 */

export type PyErrorType =
  | 'ValueError'
  | 'TypeError'
  | 'OverflowError'
  | 'IndexError'
  | 'KeyError'
  | 'UnicodeEncodeError'
  | 'LookupError';

export class TextError extends Error {
  constructor(
    readonly pyType: PyErrorType,
    message: string,
  ) {
    super(message);
    this.name = 'TextError';
  }
}

export function valueError(message: string): TextError {
  return new TextError('ValueError', message);
}

export function typeError(message: string): TextError {
  return new TextError('TypeError', message);
}

/**
 * UnicodeEncodeError with the attributes Python exposes (exc.encoding, .start, .end,
 * .reason; .object is the str being encoded). start/end are code-point indices.
 */
export class EncodeError extends TextError {
  constructor(
    readonly encoding: string,
    readonly object: string,
    readonly start: number,
    readonly end: number,
    readonly reason: string,
    message: string,
  ) {
    super('UnicodeEncodeError', message);
  }
}
