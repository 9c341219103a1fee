/**
 * Values a compromised page could send over IPC (what Electron's structured clone or the
 * browser-mode wire can carry: JSON-like values and byte arrays), and a valid argument
 * list per request channel to mutate. Every generated string carries {@link MARKER}, so a
 * test can tell whether a refusal echoed the content it was given.
 */
import type { InvokeChannel } from '../../shared/ipc/contract';
import type { SeededRandom } from '../helpers/seededRandom';

/**
 * Put in generated strings: a refusal that contains it has echoed the caller's content.
 * The spaces keep it out of what a reason may name (a short field-like key).
 */
export const MARKER = 'Zq7 secret words';

const CIRCLE = 'AAAAAAAAAAAAAAAAAAAAAA';
const ENTRY = 'BBBBBBBBBBBBBBBBBBBBBB';

/** A valid argument list for each channel this generator knows (others get random lists). */
export const VALID_ARGUMENTS: Partial<Record<InvokeChannel, unknown[]>> = {
  'hearth:app:info': [],
  'hearth:settings:get': [],
  'hearth:settings:update': [
    { theme: 'dark', textSize: 'large', iceServers: ['stun:10.0.0.1:3478'], region: 'GB' },
  ],
  'hearth:circles:list': [],
  'hearth:circles:create': [{ name: 'Tuesday circle', memberName: 'Sam', colour: 'sage' }],
  'hearth:circles:open': [CIRCLE],
  'hearth:circles:join': [
    {
      circleId: CIRCLE,
      circleKey: 'C'.repeat(43),
      name: 'Tuesday circle',
      memberName: 'Lee',
      colour: 'plum',
      colourChosen: false,
      endpoints: ['ws://192.168.1.20:4455'],
      turn: [],
    },
  ],
  'hearth:sync:endpoints': [],
  'hearth:docs:load': [CIRCLE, 'index'],
  'hearth:docs:append': [CIRCLE, ENTRY, Uint8Array.of(0, 0)],
  'hearth:docs:appendMany': [CIRCLE, [{ docId: ENTRY, update: Uint8Array.of(0, 0) }]],
  'hearth:docs:flush': [],
  'hearth:docs:remove': [CIRCLE, ENTRY],
  'hearth:search:entryTexts': [CIRCLE, [ENTRY]],
  'hearth:journal:open': [],
  'hearth:notices:list': [],
  'hearth:notices:dismiss': ['notice-1'],
  'hearth:export:save': [
    'job_12345678',
    {
      circleId: CIRCLE,
      format: 'markdown',
      options: {
        meetings: { kind: 'range', from: '2025-01-01', to: '2025-02-01' },
        authors: 'shown',
        reactions: true,
        prompts: false,
        onlyMine: false,
      },
    },
  ],
  'hearth:export:cancel': ['job_12345678'],
  'hearth:backup:create': [CIRCLE, 'lantern kettle harbour'],
  'hearth:backup:restore': ['lantern kettle harbour', null],
  'hearth:door:open': [
    { circleId: CIRCLE, circleName: 'Tuesday circle', showCircleName: false, minutes: 10 },
  ],
  'hearth:door:close': [],
  'hearth:door:state': [],
  'hearth:door:answer': ['knock_12345678', 'let-in'],
  'hearth:door:nearby': [],
  'hearth:door:knock': [
    { doorId: 'door-0123456789abcdef', memberName: 'Lee', colour: 'plum', colourChosen: true },
  ],
  'hearth:circles:settle-colour': [CIRCLE, 'dusk'],
  'hearth:door:leave': ['knock_12345678'],
  'hearth:clipboard:write': ['hearth://join/AQEB'],
  'hearth:camera:reader': [true],
};

/** A random value of any kind IPC can carry, at most `depth` levels deep. */
export function hostileValue(random: SeededRandom, depth = 3): unknown {
  const roll = random.int(0, depth > 0 ? 14 : 9);
  switch (roll) {
    case 0:
      return null;
    case 1:
      return undefined;
    case 2:
      return random.chance(0.5);
    case 3:
      return random.pick([
        0,
        -0,
        -1,
        1.5,
        2 ** 53,
        -(2 ** 31),
        1e308,
        Number.NaN,
        Infinity,
        -Infinity,
      ]);
    case 4:
      return random.int(-1000, 1_000_000);
    case 5:
      return hostileString(random);
    case 6:
      return random.pick([
        '',
        ' ',
        'index',
        'dark',
        'sage',
        'all',
        CIRCLE,
        `${CIRCLE}x`,
        'ws://10.0.0.1:1',
      ]);
    case 7:
      return new Uint8Array(random.int(0, 64)).fill(random.int(0, 255));
    case 8:
      return random.pick([[], {}, Object.create(null) as object]);
    case 9:
      return random.pick(['__proto__', 'constructor', 'toString', 'hasOwnProperty']);
    case 10:
    case 11:
      return Array.from({ length: random.int(0, 6) }, () => hostileValue(random, depth - 1));
    default: {
      const object: Record<string, unknown> = {};
      for (let i = random.int(0, 6); i > 0; i--) {
        const key = random.pick([
          'name',
          'theme',
          'kind',
          'circleId',
          'options',
          'format',
          'meetings',
          'constructor',
          '__proto__',
          'valueOf',
          hostileString(random),
        ]);
        // A `__proto__` key as a clone or JSON.parse makes it: an own property, not a prototype.
        Object.defineProperty(object, key, {
          value: hostileValue(random, depth - 1),
          enumerable: true,
          configurable: true,
          writable: true,
        });
      }
      return object;
    }
  }
}

/** A string that carries {@link MARKER}: long, with controls, spaces, astral and lone surrogates. */
export function hostileString(random: SeededRandom): string {
  const pieces = [
    MARKER,
    ' ',
    '\u0000',
    '\n',
    '\u202e',
    '\ud83d\udd25',
    '\ud800',
    '"',
    '<script>',
    '../',
    '%00',
  ];
  let out = random.chance(0.5) ? MARKER : '';
  const length = random.chance(0.05) ? random.int(1000, 100_000) : random.int(0, 40);
  while (out.length < length) {
    out += random.chance(0.3) ? random.pick(pieces) : String.fromCharCode(random.int(0x20, 0x7e));
  }
  return out.includes(MARKER) ? out : `${out}${MARKER}`;
}

/** `valid` with one leaf or list element replaced, removed or added (a deep copy). */
export function mutateArguments(random: SeededRandom, valid: readonly unknown[]): unknown[] {
  const copy = structuredClone(valid) as unknown[];
  const containers: (unknown[] | Record<string, unknown>)[] = [copy];
  const collect = (value: unknown): void => {
    if (value instanceof Uint8Array || typeof value !== 'object' || value === null) return;
    containers.push(value as unknown[] | Record<string, unknown>);
    for (const child of Object.values(value)) collect(child);
  };
  for (const item of copy) collect(item);
  const target = random.pick(containers);
  // Array indices as strings, like Object.keys gives them, so both kinds share one list.
  const keys: string[] = Object.keys(target);
  const roll = random.next();
  if (roll < 0.6 && keys.length > 0) {
    (target as Record<string | number, unknown>)[random.pick(keys)] = hostileValue(random, 2);
  } else if (roll < 0.8 && keys.length > 0) {
    const key = random.pick(keys);
    if (Array.isArray(target)) target.splice(Number(key), 1);
    else Reflect.deleteProperty(target, key);
  } else if (Array.isArray(target)) {
    target.push(hostileValue(random, 2));
  } else {
    target[random.chance(0.5) ? hostileString(random).slice(0, 30) : 'extra'] = hostileValue(
      random,
      2,
    );
  }
  return copy;
}
