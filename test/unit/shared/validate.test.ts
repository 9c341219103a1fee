import { describe, expect, it } from 'vitest';
import * as v from '../../../shared/validate';

const reasonOf = (checked: v.Checked<unknown>): string => (checked.ok ? '' : checked.reason);

describe('string checks', () => {
  const name = v.string({ min: 1, max: 5 });

  it('accept a string within its length bounds', () => {
    expect(name('Sam', 'name')).toEqual({ ok: true, value: 'Sam' });
  });

  it('refuse a string that is too short or too long, naming the bounds', () => {
    expect(reasonOf(name('', 'name'))).toBe(
      'name should be a string of 1 to 5 characters, got a string of 0 characters',
    );
    expect(name('Samantha', 'name').ok).toBe(false);
  });

  it('refuse a value that is not a string, saying what it was', () => {
    expect(reasonOf(name(42, 'member.name'))).toBe('member.name should be a string, got number');
    expect(reasonOf(name(null, 'x'))).toBe('x should be a string, got null');
    expect(reasonOf(name([1, 2], 'x'))).toBe('x should be a string, got an array of 2');
    expect(reasonOf(name(new Uint8Array(3), 'x'))).toBe('x should be a string, got 3 bytes');
  });

  it('refuse a string that does not match its pattern without echoing it', () => {
    const id = v.string({ max: 10, pattern: /^[a-z]+$/ });
    expect(reasonOf(id('secret!', 'id'))).toBe('id is not in the expected form');
  });
});

describe('number checks', () => {
  const count = v.number({ min: 0, max: 10, integer: true });

  it('accept a whole number within bounds', () => {
    expect(count(10, 'n')).toEqual({ ok: true, value: 10 });
  });

  it('refuse fractions, out-of-range values, NaN and infinity', () => {
    expect(reasonOf(count(1.5, 'n'))).toBe('n should be a whole number, got number');
    expect(reasonOf(count(11, 'n'))).toBe('n should be between 0 and 10');
    expect(count(Number.NaN, 'n').ok).toBe(false);
    expect(count(Number.POSITIVE_INFINITY, 'n').ok).toBe(false);
    expect(count('3', 'n').ok).toBe(false);
  });

  it('accept fractions when whole numbers are not asked for', () => {
    expect(v.number({ min: 0, max: 1 })(0.5, 'p')).toEqual({ ok: true, value: 0.5 });
  });
});

describe('boolean, oneOf, bytes and nullable checks', () => {
  it('accept only true and false as booleans', () => {
    expect(v.boolean(false, 'b')).toEqual({ ok: true, value: false });
    expect(reasonOf(v.boolean(0, 'b'))).toBe('b should be true or false, got number');
  });

  it('accept only listed values, listing them when refusing', () => {
    const theme = v.oneOf(['light', 'dark'] as const);
    expect(theme('dark', 't')).toEqual({ ok: true, value: 'dark' });
    expect(reasonOf(theme('blue', 't'))).toBe(
      't should be one of light, dark, got a string of 4 characters',
    );
  });

  it('accept bytes up to a size and refuse anything larger or not bytes', () => {
    const update = v.bytes({ max: 4 });
    expect(update(new Uint8Array(4), 'u').ok).toBe(true);
    expect(reasonOf(update(new Uint8Array(5), 'u'))).toBe(
      'u should be at most 4 bytes, got 5 bytes',
    );
    expect(update([1, 2], 'u').ok).toBe(false);
  });

  it('let null through a nullable check and check anything else', () => {
    const maybe = v.nullable(v.boolean);
    expect(maybe(null, 'm')).toEqual({ ok: true, value: null });
    expect(maybe(undefined, 'm').ok).toBe(false);
  });
});

describe('array and tuple checks', () => {
  it('check every element and name the index of the first bad one', () => {
    const flags = v.array(v.boolean, { max: 3 });
    expect(flags([true, false], 'flags')).toEqual({ ok: true, value: [true, false] });
    expect(reasonOf(flags([true, 'no'], 'flags'))).toBe(
      'flags[1] should be true or false, got a string of 2 characters',
    );
    expect(reasonOf(flags([true, true, true, true], 'flags'))).toBe(
      'flags should be at most 3 items, got an array of 4',
    );
  });

  it('check argument lists position by position and refuse a wrong count', () => {
    const args = v.tuple(v.string({ max: 3 }), v.boolean);
    expect(args(['abc', true], 'call')).toEqual({ ok: true, value: ['abc', true] });
    expect(reasonOf(args(['abc'], 'call'))).toBe('call should have 2 argument(s), got 1');
    expect(reasonOf(args(['abc', 1], 'call'))).toBe('call[1] should be true or false, got number');
    expect(reasonOf(args('abc', 'call'))).toBe(
      'call should be a list of arguments, got a string of 3 characters',
    );
  });
});

describe('object checks', () => {
  const shape = { name: v.string({ max: 10 }), agreed: v.boolean };

  it('accept exactly the expected fields', () => {
    expect(v.object(shape)({ name: 'Sam', agreed: true }, 'm')).toEqual({
      ok: true,
      value: { name: 'Sam', agreed: true },
    });
  });

  it('refuse unknown fields by default, as IPC arguments must', () => {
    expect(reasonOf(v.object(shape)({ name: 'Sam', agreed: true, admin: true }, 'm'))).toBe(
      'm.admin is not expected',
    );
  });

  it('drop unknown fields when told to, as records from a newer laptop may carry some', () => {
    const checked = v.object(shape, { extra: 'ignore' })(
      { name: 'Sam', agreed: true, mood: 'calm' },
      'm',
    );
    expect(checked).toEqual({ ok: true, value: { name: 'Sam', agreed: true } });
  });

  it('refuse a missing field, arrays, null and bytes in place of an object', () => {
    expect(reasonOf(v.object(shape)({ name: 'Sam' }, 'm'))).toBe(
      'm.agreed should be true or false, got undefined',
    );
    expect(v.object(shape)([], 'm').ok).toBe(false);
    expect(v.object(shape)(null, 'm').ok).toBe(false);
    expect(v.object(shape)(new Uint8Array(2), 'm').ok).toBe(false);
  });

  it('accept a partial patch with any subset of fields, skipping undefined ones', () => {
    const patch = v.partial(shape);
    expect(patch({ agreed: false, name: undefined }, 'p')).toEqual({
      ok: true,
      value: { agreed: false },
    });
    expect(reasonOf(patch({ colour: 'red' }, 'p'))).toBe('p.colour is not expected');
    expect(reasonOf(patch({ name: 4 }, 'p'))).toBe('p.name should be a string, got number');
    expect(patch('x', 'p').ok).toBe(false);
  });

  it('pass a branded check through unchanged', () => {
    const id = v.branded<'brand'>(v.string({ max: 5 }));
    expect(id('abc', 'id')).toEqual({ ok: true, value: 'abc' });
  });

  it('name an unexpected key only when it looks like a field name, never a long or odd one', () => {
    const check = v.object({ name: v.string({ max: 5 }) });
    expect(reasonOf(check({ name: 'a', colour: 'red' }, 'o'))).toBe('o.colour is not expected');
    const long = 'k'.repeat(10_000);
    expect(reasonOf(check({ [long]: 1 }, 'o'))).toBe(
      'o.(a key of 10000 characters) is not expected',
    );
    expect(reasonOf(v.partial({})({ 'my secret words\n': 1 }, 'p'))).toBe(
      'p.(a key of 16 characters) is not expected',
    );
  });
});
