/**
 * Readies every builtin type: the modules that define them are loaded (registerall.ts),
 * each staticType() call has recorded its type, and the METH_VARARGS table is applied
 * before the descriptors are made.
 */
import { ObjectType, TypeType, createdStaticTypes } from './roots';
import { registerStaticType } from './typeobject';
import { markVarargsMethods } from './varargs';
import './registerall';

let registered = false;

export function registerAllTypes(): void {
  if (registered) return;
  registered = true;
  for (const t of [ObjectType, TypeType, ...createdStaticTypes()]) registerStaticType(t);
  markVarargsMethods();
}
