/**
 * Array helpers for lists of any length. `a.push(...b)` and `Math.max(...b)` pass every element as an
 * argument, and V8 throws "Maximum call stack size exceeded" somewhere past ~120,000 of them: an
 * experiment's run folders, a listing's changes or a group's runs can be that many.
 */

/** Appends every item of `items` to `target`, in order; returns `target`. */
export function pushAll<T>(target: T[], items: Iterable<T>): T[] {
  for (const item of items) target.push(item);
  return target;
}

/** The largest of `values`, or `empty` when there is none. */
export function maxOf(values: Iterable<number>, empty = -Infinity): number {
  let max = -Infinity;
  let any = false;
  for (const v of values) {
    any = true;
    if (v > max || Number.isNaN(v)) max = v;
  }
  return any ? max : empty;
}
