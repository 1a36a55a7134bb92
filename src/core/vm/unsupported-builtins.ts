/**
 * Names CPython's builtins module has and the engine does not provide yet. Looking one up
 * says which feature is missing instead of a NameError that would claim the name does not
 * exist in Python.
 */
import { NameErrorType } from '../objects/exceptions';
import type { PyStr } from '../objects/unicodeobject';
import { nameError, raise } from './errors';

/** What is missing, as the error message words it. */
const MISSING_FEATURES: Record<string, string> = {
  memoryview: 'memoryview objects yet',
  complex: 'complex numbers yet',
  aiter: 'async iteration yet',
  anext: 'async iteration yet',
  ExceptionGroup: 'exception groups yet',
  exit: 'exit() and quit() yet (sys.exit() works)',
  quit: 'exit() and quit() yet (sys.exit() works)',
  help: 'the interactive helpers yet',
  copyright: 'the interactive helpers yet',
  credits: 'the interactive helpers yet',
  license: 'the interactive helpers yet',
};

/** A global name was not found in the globals or the builtins. */
export function undefinedGlobal(name: PyStr): never {
  const feature = Object.hasOwn(MISSING_FEATURES, name.value) ? MISSING_FEATURES[name.value] : undefined;
  if (feature !== undefined) {
    raise(NameErrorType, `name '${name.value}' is not defined: PyMem Lab does not support ${feature}`);
  }
  return nameError(name, `name '${name.value}' is not defined`);
}
