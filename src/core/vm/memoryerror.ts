/**
 * Raising MemoryError when the run's simulated heap limit is reached. Kept apart from
 * vm/errors.ts so the allocator does not depend on the exception machinery at load time.
 */
let raiser: () => never = () => {
  throw new Error('MemoryError raised before the exception types were ready');
};

export function setMemoryErrorRaiser(fn: () => never): void {
  raiser = fn;
}

export function raiseMemoryError(): never {
  return raiser();
}
