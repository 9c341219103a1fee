/**
 * Fuzz target: invite texts a member pastes or a link hands over, through `parseInvite`
 * (format in shared/sync/invite.ts). Each case is a valid invite's code or link mutated
 * character by character, random text, text past the length limit, or invite bytes
 * forged field by field with hostile contents and a correct checksum (what a deliberate
 * forger, not a typo, produces).
 *
 * Invariants: parsing never throws; a refusal has a reason of at most 300 characters
 * that does not echo the text; an accepted invite encodes back to the same invite, and
 * its fields pass the checks of `hearth:circles:join`, so a member can join what Hearth
 * showed them.
 */
import { isDeepStrictEqual } from 'node:util';
import { toBase64Url } from '../../shared/crypto/base64url';
import { checkInvokeArguments } from '../../shared/ipc/arguments';
import { crc32 } from '../../shared/sync/crc32';
import { INVITE_LINK_PREFIX, inviteCode, parseInvite, type Invite } from '../../shared/sync/invite';
import type { CircleId } from '../../shared/notebook/ids';
import type { SeededRandom } from '../helpers/seededRandom';
import { Tally, type FuzzTarget, type PreparedTarget } from './fuzzTarget';
import { hostileString, MARKER } from './hostileValues';
import { MAX_REASON_CHARS } from './ipcArguments';

type InviteKind = 'mutated code' | 'mutated link' | 'random text' | 'too long' | 'forged fields';

const KINDS: Readonly<Record<InviteKind, number>> = {
  'mutated code': 30,
  'mutated link': 20,
  'random text': 15,
  'too long': 2,
  'forged fields': 33,
};

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function randomBytes(random: SeededRandom, length: number): Uint8Array {
  return Uint8Array.from({ length }, () => random.int(0, 255));
}

function validInvite(random: SeededRandom): Invite {
  return {
    circleId: toBase64Url(randomBytes(random, 16)) as CircleId,
    circleKey: toBase64Url(randomBytes(random, 32)),
    circleName: random.pick(['Tuesday circle', 'Cercle du mardi', 'Kreis 🔥', 'x']),
    endpoints: random.pick([
      [],
      ['ws://192.168.1.20:4455'],
      ['ws://10.0.0.7:4455', 'ws://hearth-a.local:4455'],
    ]),
  };
}

// Invite bytes with hostile field contents and a correct checksum.
function forgedCode(random: SeededRandom): string {
  const encoder = new TextEncoder();
  const name = encoder.encode(
    random.pick([
      '\u0000',
      ' leading',
      'trailing ',
      'line\nbreak',
      '\u202eevil',
      'tab\tname',
      '\ud83d\udd25',
      hostileString(random).slice(0, 60),
      'ok name',
    ]),
  );
  const endpoints = Array.from({ length: random.int(0, 3) }, () =>
    encoder.encode(
      random.pick([
        'ws://1.2.3.4:1',
        'ws://999.1.1.1:80',
        'ws://[::1]:4455',
        'ws://a..b:1',
        'ws://host:0',
        'ws://evil.example.com:443',
        `ws://${'a'.repeat(63)}.b:1`,
      ]),
    ),
  );
  const parts = [
    Uint8Array.of(random.chance(0.9) ? 1 : random.int(0, 255)),
    randomBytes(random, 16),
    randomBytes(random, 32),
    Uint8Array.of(random.chance(0.9) ? name.length : random.int(0, 255)),
    name,
    Uint8Array.of(endpoints.length),
    ...endpoints.flatMap((e) => [Uint8Array.of(e.length), e]),
  ];
  const body = Uint8Array.from(parts.flatMap((part) => [...part]));
  const sum = crc32(body);
  return toBase64Url(
    Uint8Array.of(...body, sum >>> 24, (sum >>> 16) & 0xff, (sum >>> 8) & 0xff, sum & 0xff),
  );
}

function mutate(random: SeededRandom, text: string): string {
  const chars = Array.from(text);
  for (let n = random.int(1, 3); n > 0; n--) {
    const at = random.int(0, Math.max(0, chars.length - 1));
    const roll = random.next();
    if (roll < 0.35)
      chars[at] = random.chance(0.8)
        ? BASE64URL[random.int(0, 63)]!
        : random.pick([' ', '+', '/', '=', '\n', 'é', MARKER]);
    else if (roll < 0.55) chars.splice(at, 1);
    else if (roll < 0.75) chars.splice(at, 0, BASE64URL[random.int(0, 63)]!);
    else if (roll < 0.85)
      chars[at] =
        chars[at]?.toUpperCase() === chars[at]
          ? (chars[at]?.toLowerCase() ?? '')
          : (chars[at]?.toUpperCase() ?? '');
    else chars.length = at;
  }
  return random.chance(0.1) ? `  ${chars.join('')}\n` : chars.join('');
}

function inputFor(random: SeededRandom, kind: InviteKind): string {
  const code = (): string => {
    const encoded = inviteCode(validInvite(random));
    if (!encoded.ok) throw new Error(`a valid invite did not encode: ${encoded.reason}`);
    return encoded.value;
  };
  switch (kind) {
    case 'mutated code':
      return mutate(random, code());
    case 'mutated link':
      return mutate(
        random,
        random.pick([INVITE_LINK_PREFIX, 'HEARTH://JOIN/', 'hearth://join//', 'https://join/']) +
          code(),
      );
    case 'random text':
      return hostileString(random);
    case 'too long':
      return code().padEnd(8193 + random.int(0, 10_000), 'A');
    case 'forged fields':
      return random.chance(0.5) ? forgedCode(random) : INVITE_LINK_PREFIX + forgedCode(random);
  }
}

/** Invite texts through the invite codec. */
export const inviteTextsTarget: FuzzTarget = {
  name: 'invite texts',
  defaultCases: 100_000,
  smokeCases: 5_000,
  prepare(): Promise<PreparedTarget> {
    const outcomes = new Tally();
    return Promise.resolve({
      runCase(random, index) {
        const kind = random.weighted(KINDS);
        const text = inputFor(random, kind);
        const t0 = performance.now();
        const parsed = parseInvite(text);
        const measuredMs = performance.now() - t0;
        const violations: string[] = [];
        const where = `case ${index} (${kind})`;
        if (!parsed.ok) {
          outcomes.add(`${kind} refused`);
          if (parsed.reason.length === 0 || parsed.reason.length > MAX_REASON_CHARS)
            violations.push(`${where}: a reason of ${parsed.reason.length} characters`);
          if (parsed.reason.includes(MARKER))
            violations.push(`${where}: the reason echoes the text`);
          return { violations, measuredMs };
        }
        outcomes.add(`${kind} accepted`);
        const invite = parsed.value;
        const again = inviteCode(invite);
        if (!again.ok || !isDeepStrictEqual(parseInvite(again.value), parsed)) {
          violations.push(`${where}: an accepted invite does not encode back to itself`);
        }
        const join = checkInvokeArguments('hearth:circles:join', [
          {
            circleId: invite.circleId,
            circleKey: invite.circleKey,
            name: invite.circleName,
            memberName: 'Sam',
            colour: 'sage',
            colourChosen: true,
            endpoints: [...invite.endpoints],
            turn: [...(invite.turn ?? [])],
          },
        ]);
        if (!join.ok)
          violations.push(`${where}: accepted, but joining it would be refused: ${join.reason}`);
        return { violations, measuredMs };
      },
      summary: () => outcomes.toString(),
      dispose: () => Promise.resolve(),
    });
  },
};
