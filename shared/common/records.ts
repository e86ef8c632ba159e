/**
 * Records keyed by names that come from the data: a run's params, tags and metrics, a model's or a
 * dataset's tags. MLflow accepts any name of letters, digits and `_-. /:`, so `constructor`,
 * `toString` and `__proto__` are ordinary keys there. A plain object is not an ordinary map for them:
 * - reading `record[key]` finds Object.prototype's member when the run has no such key (a run without a
 *   `constructor` param would read a function, and `params.constructor IS NULL` would match nothing);
 * - assigning `record['__proto__'] = value` sets the object's prototype (or does nothing, for a string)
 *   instead of adding the key, so the param would be lost.
 * Every read by a name from the data goes through `ownValue`, every write through `setOwn`.
 */

/** The value of `key` when the record itself holds it; undefined otherwise (never a prototype member). */
export function ownValue<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/** Adds `key` as the record's own key, `__proto__` included. */
export function setOwn<T>(record: Record<string, T>, key: string, value: T): void {
  if (key === '__proto__')
    Object.defineProperty(record, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  else record[key] = value;
}
