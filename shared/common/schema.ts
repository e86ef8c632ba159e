/**
 * A small runtime schema for contract requests: enough to reject what an untrusted renderer or HTTP
 * client may send (wrong types, unknown fields, out-of-range numbers) with a message naming the field,
 * and to infer the request types from one declaration.
 */

export type ParseOutcome<T> = { ok: true; value: T } | { ok: false; message: string };

export interface Schema<T, Opt extends boolean = boolean> {
  readonly isOptional: Opt;
  parse(input: unknown, path: string): ParseOutcome<T>;
  optional(): Schema<T | undefined, true>;
}

export type Infer<S> = S extends Schema<infer T, boolean> ? T : never;

function makeSchema<T, Opt extends boolean = false>(
  parse: (input: unknown, path: string) => ParseOutcome<T>,
  isOptional: Opt = false as Opt,
): Schema<T, Opt> {
  return {
    isOptional,
    parse(input, path) {
      if (input === undefined && isOptional) return { ok: true, value: undefined as T };
      return parse(input, path);
    },
    optional() {
      return makeSchema<T | undefined, true>(parse, true);
    },
  };
}

const fail = (path: string, what: string): { ok: false; message: string } => ({
  ok: false,
  message: `${path} must be ${what}`,
});

export const field = {
  string(opts: { allowEmpty?: boolean; maxLength?: number } = {}): Schema<string, false> {
    const maxLength = opts.maxLength ?? 1_000_000;
    return makeSchema((input, path) => {
      if (typeof input !== 'string') return fail(path, 'a string');
      if (!opts.allowEmpty && input.length === 0) return fail(path, 'a non-empty string');
      if (input.length > maxLength) return fail(path, `at most ${maxLength} characters`);
      return { ok: true, value: input };
    });
  },
  int(opts: { min?: number; max?: number } = {}): Schema<number, false> {
    return makeSchema((input, path) => {
      if (typeof input !== 'number' || !Number.isInteger(input)) return fail(path, 'an integer');
      if (opts.min !== undefined && input < opts.min) return fail(path, `>= ${opts.min}`);
      if (opts.max !== undefined && input > opts.max) return fail(path, `<= ${opts.max}`);
      return { ok: true, value: input };
    });
  },
  boolean(): Schema<boolean, false> {
    return makeSchema((input, path) =>
      typeof input === 'boolean' ? { ok: true, value: input } : fail(path, 'true or false'),
    );
  },
  enumOf<T extends string>(values: readonly T[]): Schema<T, false> {
    return makeSchema((input, path) =>
      typeof input === 'string' && (values as readonly string[]).includes(input)
        ? { ok: true, value: input as T }
        : fail(path, `one of ${values.join(', ')}`),
    );
  },
  array<T>(item: Schema<T, boolean>, opts: { maxItems?: number } = {}): Schema<T[], false> {
    const maxItems = opts.maxItems ?? 100_000;
    return makeSchema((input, path) => {
      if (!Array.isArray(input)) return fail(path, 'an array');
      if (input.length > maxItems) return fail(path, `an array of at most ${maxItems} items`);
      const out: T[] = [];
      for (let i = 0; i < input.length; i++) {
        const r = item.parse(input[i], `${path}[${i}]`);
        if (!r.ok) return r;
        out.push(r.value);
      }
      return { ok: true, value: out };
    });
  },
};

type Shape = Record<string, Schema<unknown, boolean>>;
// A field is optional when its schema accepts undefined (`isOptional` is a plain boolean at the type level).
type RequiredKeys<S extends Shape> = {
  [K in keyof S]: undefined extends Infer<S[K]> ? never : K;
}[keyof S];
type OptionalKeys<S extends Shape> = Exclude<keyof S, RequiredKeys<S>>;
type ObjectOf<S extends Shape> = { [K in RequiredKeys<S>]: Infer<S[K]> } & {
  [K in OptionalKeys<S>]?: Exclude<Infer<S[K]>, undefined>;
};
type Simplify<T> = { [K in keyof T]: T[K] };

/** A plain object with exactly these fields; unknown fields are rejected. */
export function object<S extends Shape>(shape: S): Schema<Simplify<ObjectOf<S>>, false> {
  return makeSchema((input, path) => {
    if (typeof input !== 'object' || input === null || Array.isArray(input))
      return fail(path, 'an object');
    const record = input as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      if (!Object.prototype.hasOwnProperty.call(shape, key)) {
        return { ok: false, message: `${path}.${key} is not a known field` };
      }
    }
    const out: Record<string, unknown> = {};
    for (const [key, schema] of Object.entries(shape)) {
      const r = schema.parse(record[key], `${path}.${key}`);
      if (!r.ok) return r;
      if (r.value !== undefined) out[key] = r.value;
    }
    return { ok: true, value: out as Simplify<ObjectOf<S>> };
  });
}
