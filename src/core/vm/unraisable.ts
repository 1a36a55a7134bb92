/**
 * PyErr_WriteUnraisable: an exception that cannot propagate (in __del__, a weakref
 * callback, a gc callback) is printed to stderr and dropped.
 * @cpython Python/errors.c _PyErr_WriteUnraisableMsg, Lib/traceback (format)
 */
import { PyObject, decref } from '../objects/object';
import { isPyException } from './errors';
import { rt } from './runtime';
import { formatException } from './traceback';
import { reprText } from '../objects/abstract';
import { frameObjectOf } from '../objects/frameobject';
import { newTraceback } from '../objects/traceback';

export function writeUnraisable(e: unknown, obj: PyObject | null, prefix: string): void {
  if (!isPyException(e)) throw e;
  // An exception raised by C code has no traceback: it gets one from the running frame
  // (PyThreadState_GetFrame materializes that frame's object, which stays).
  const f = rt.frame;
  if (e.traceback === null && f !== null) {
    e.traceback = newTraceback(null, frameObjectOf(f), f.lasti, f.currentLine());
  }
  let where = '';
  if (obj !== null) {
    try {
      where = ': ' + reprText(obj);
    } catch (inner) {
      if (!isPyException(inner)) throw inner;
      decref(inner);
      where = ': <object repr() failed>';
    }
  }
  rt.writeStderr(`${prefix}${where}\n${formatException(e)}`);
  decref(e);
}
