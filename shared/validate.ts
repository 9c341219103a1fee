/**
 * Run-time checks for values that cross a trust boundary: IPC arguments from the
 * renderer, records read from a Yjs document a peer may have written, files on disk.
 * Each check returns the value narrowed to its type or a reason naming the path that
 * failed, so callers can refuse with a clear message instead of crashing.
 */

/** The outcome of a check: the typed value, or why it was refused. */
export type Checked<T> = { ok: true; value: T } | { ok: false; reason: string };

/** Checks an unknown value; `path` names where it came from, for the reason. */
export type Check<T> = (value: unknown, path: string) => Checked<T>;

/** The type a check accepts. */
export type CheckedType<C> = C extends Check<infer T> ? T : never;

const pass = <T>(value: T): Checked<T> => ({ ok: true, value });
const fail = (path: string, expected: string, value: unknown): Checked<never> => ({
  ok: false,
  reason: `${path} should be ${expected}, got ${describe(value)}`,
});

// Names an unexpected key only when it looks like a field name: a key is chosen by the
// sender, and a reason goes to logs, so a long or odd one is described, not echoed.
function unexpectedKey(path: string, key: string): string {
  const named = /^[A-Za-z_$][A-Za-z0-9_$-]{0,39}$/.test(key)
    ? key
    : `(a key of ${key.length} characters)`;
  return `${path}.${named} is not expected`;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (value instanceof Uint8Array) return `${value.length} bytes`;
  if (typeof value === 'string') return `a string of ${value.length} characters`;
  return typeof value;
}

/** A string whose length (in UTF-16 units) is within bounds, optionally matching a pattern. */
export function string(options: { min?: number; max: number; pattern?: RegExp }): Check<string> {
  const min = options.min ?? 0;
  return (value, path) => {
    if (typeof value !== 'string') return fail(path, 'a string', value);
    if (value.length < min || value.length > options.max) {
      return fail(path, `a string of ${min} to ${options.max} characters`, value);
    }
    if (options.pattern !== undefined && !options.pattern.test(value)) {
      return { ok: false, reason: `${path} is not in the expected form` };
    }
    return pass(value);
  };
}

/** A finite number within bounds; `integer` also refuses fractions. */
export function number(options: { min: number; max: number; integer?: boolean }): Check<number> {
  return (value, path) => {
    if (typeof value !== 'number' || !Number.isFinite(value)) return fail(path, 'a number', value);
    if (options.integer === true && !Number.isInteger(value)) {
      return fail(path, 'a whole number', value);
    }
    if (value < options.min || value > options.max) {
      return { ok: false, reason: `${path} should be between ${options.min} and ${options.max}` };
    }
    return pass(value);
  };
}

/** A boolean. */
export const boolean: Check<boolean> = (value, path) =>
  typeof value === 'boolean' ? pass(value) : fail(path, 'true or false', value);

/** One of a fixed set of strings or numbers. */
export function oneOf<const T extends readonly (string | number)[]>(values: T): Check<T[number]> {
  return (value, path) =>
    (values as readonly unknown[]).includes(value)
      ? pass(value as T[number])
      : fail(path, `one of ${values.join(', ')}`, value);
}

/** A Uint8Array of at most `max` bytes. */
export function bytes(options: { max: number }): Check<Uint8Array> {
  return (value, path) => {
    if (!(value instanceof Uint8Array)) return fail(path, 'bytes', value);
    if (value.length > options.max) return fail(path, `at most ${options.max} bytes`, value);
    return pass(value);
  };
}

/** `null` or what `inner` accepts. */
export function nullable<T>(inner: Check<T>): Check<T | null> {
  return (value, path) => (value === null ? pass(null) : inner(value, path));
}

/** An array of at most `max` elements, each accepted by `element`. */
export function array<T>(element: Check<T>, options: { max: number }): Check<T[]> {
  return (value, path) => {
    if (!Array.isArray(value)) return fail(path, 'an array', value);
    if (value.length > options.max) return fail(path, `at most ${options.max} items`, value);
    const out: T[] = [];
    for (let i = 0; i < value.length; i++) {
      const checked = element(value[i], `${path}[${i}]`);
      if (!checked.ok) return checked;
      out.push(checked.value);
    }
    return pass(out);
  };
}

/** A fixed-length list whose positions each have their own check (IPC argument lists). */
export function tuple<const T extends readonly Check<unknown>[]>(
  ...checks: T
): Check<{ -readonly [K in keyof T]: CheckedType<T[K]> }> {
  type Out = { -readonly [K in keyof T]: CheckedType<T[K]> };
  return (value, path) => {
    if (!Array.isArray(value)) return fail(path, 'a list of arguments', value);
    if (value.length !== checks.length) {
      return {
        ok: false,
        reason: `${path} should have ${checks.length} argument(s), got ${value.length}`,
      };
    }
    const out: unknown[] = [];
    for (let i = 0; i < checks.length; i++) {
      const checked = checks[i]!(value[i], `${path}[${i}]`);
      if (!checked.ok) return checked;
      out.push(checked.value);
    }
    return pass(out as Out);
  };
}

type Shape = Record<string, Check<unknown>>;
type ShapeType<S extends Shape> = { [K in keyof S]: CheckedType<S[K]> };

/**
 * A plain object with exactly these fields. `extra: 'reject'` (the default, for IPC)
 * refuses unknown keys; `extra: 'ignore'` drops them (for records written by a newer
 * version of Hearth on another laptop).
 */
export function object<S extends Shape>(
  shape: S,
  options: { extra?: 'reject' | 'ignore' } = {},
): Check<ShapeType<S>> {
  const keys = Object.keys(shape);
  return (value, path) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      return fail(path, 'an object', value);
    }
    if (value instanceof Uint8Array) return fail(path, 'an object', value);
    const record = value as Record<string, unknown>;
    if (options.extra !== 'ignore') {
      for (const key of Object.keys(record)) {
        if (!Object.hasOwn(shape, key)) {
          return { ok: false, reason: unexpectedKey(path, key) };
        }
      }
    }
    const out: Record<string, unknown> = {};
    for (const key of keys) {
      const checked = shape[key]!(record[key], `${path}.${key}`);
      if (!checked.ok) return checked;
      out[key] = checked.value;
    }
    return pass(out as ShapeType<S>);
  };
}

/** Like {@link object}, but every field may be missing (a patch). */
export function partial<S extends Shape>(shape: S): Check<Partial<ShapeType<S>>> {
  return (value, path) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      return fail(path, 'an object', value);
    }
    const record = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(record)) {
      // Own keys only: `constructor` or `__proto__` must not find a check on the prototype.
      const check = Object.hasOwn(shape, key) ? shape[key] : undefined;
      if (check === undefined) return { ok: false, reason: unexpectedKey(path, key) };
      if (record[key] === undefined) continue;
      const checked = check(record[key], `${path}.${key}`);
      if (!checked.ok) return checked;
      out[key] = checked.value;
    }
    return pass(out as Partial<ShapeType<S>>);
  };
}

/** Narrows a check's output to a branded type once the value is known to have its shape. */
export function branded<T extends string>(inner: Check<string>): Check<T> {
  return inner as Check<T>;
}
