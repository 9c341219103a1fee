/**
 * Fuzz target: hostile knocks at a real open door (electron/main/services/door/frontDoor.ts)
 * on 127.0.0.1. Each case opens a connection and sends one hostile exchange: random bytes,
 * an oversized or text frame, a KNOCK with bytes flipped, cut or added, a hostile name, a
 * REVEAL before any KNOCK, a KNOCK followed by a REVEAL of another key or by anything
 * else. Throughout, one good knocker waits at the door for an answer.
 *
 * Invariants (violations): a case ends within 2 s with the door's DOOR_KEY or the
 * connection closed (1002 for a malformed message, 1009 for an oversized frame); the door
 * sends a hostile connection nothing but DOOR_KEY (34 bytes) or END (3 bytes), never a
 * WELCOME; a refused message changes nothing the facilitator sees (the good knock alone is
 * waiting, with its words); and at the end the good knocker is let in with the invite.
 * Crashes: anything thrown out of the door's handlers (uncaught in this process).
 */
import WebSocket from 'ws';
import { openFrontDoor, type FrontDoor } from '../../electron/main/services/door/frontDoor';
import { DOOR_SUBPROTOCOL } from '../../electron/main/services/door/doorRecords';
import { setLogSink } from '../../shared/log';
import type { CircleId } from '../../shared/notebook/ids';
import { MEMBER_COLOURS } from '../../shared/notebook/schema';
import { commitmentTo, newEphemeralKeys } from '../../shared/sync/door/doorKeys';
import { encodeDoorMessage, MAX_DOOR_MESSAGE_BYTES } from '../../shared/sync/door/doorMessages';
import { encodeInvite } from '../../shared/sync/invite';
import { recordKnock, type RecordedKnock } from '../helpers/recordingKnocker';
import type { SeededRandom } from '../helpers/seededRandom';
import { Tally, type FuzzTarget, type PreparedTarget } from './fuzzTarget';
import { hostileString } from './hostileValues';

const CASE_TIMEOUT_MS = 2000;
const INVITE = (() => {
  const encoded = encodeInvite({
    circleId: 'RnV6emVkRG9vckNpcmNsZQ' as CircleId,
    circleKey: 'RnV6emVkRG9vcktleVRoYXRNdXN0TmV2ZXJMZWFrMTI',
    circleName: 'Fuzzed door circle',
    endpoints: [],
  });
  if (!encoded.ok) throw new Error(encoded.reason);
  return encoded.value;
})();

/** What a case sends, and how the door must end it. */
interface HostileKnock {
  kind: string;
  /** Frames in order; `afterDoorKey` frames wait for the door's key. */
  frames: { data: Uint8Array | string; afterDoorKey?: boolean }[];
  /** The close code the door must answer with; null when it may instead send DOOR_KEY. */
  closes: 1002 | 1009 | null;
}

async function validKnock(random: SeededRandom, name = 'Sam'): Promise<Uint8Array> {
  const keys = await newEphemeralKeys();
  return encodeDoorMessage({
    kind: 'knock',
    commitment: await commitmentTo(keys.publicKey),
    colour: random.pick(MEMBER_COLOURS),
    name,
  });
}

function bytes(random: SeededRandom, length: number): Uint8Array {
  return Uint8Array.from({ length }, () => random.int(0, 255));
}

async function hostileKnock(random: SeededRandom): Promise<HostileKnock> {
  const kind = random.weighted({
    'random bytes': 3,
    'version and kind, then random': 3,
    'mutated knock': 5,
    'hostile name': 2,
    'reveal before knock': 1,
    'knock, then another key': 3,
    'knock, then junk': 2,
    'oversized frame': 1,
    'text frame': 1,
  });
  switch (kind) {
    case 'random bytes':
      return { kind, frames: [{ data: bytes(random, random.int(0, 120)) }], closes: 1002 };
    case 'version and kind, then random':
      return {
        kind,
        frames: [{ data: Uint8Array.of(1, random.int(0, 7), ...bytes(random, random.int(0, 80))) }],
        // A random body could by chance be a KNOCK the door accepts.
        closes: null,
      };
    case 'mutated knock': {
      const knock = [...(await validKnock(random))];
      for (let n = random.int(1, 3); n > 0; n--) {
        const how = random.int(0, 2);
        const at = random.int(0, knock.length - 1);
        if (how === 0) knock[at] = random.int(0, 255);
        else if (how === 1) knock.splice(at, random.int(1, 4));
        else knock.splice(at, 0, ...bytes(random, random.int(1, 4)));
      }
      return { kind, frames: [{ data: Uint8Array.from(knock) }], closes: null };
    }
    case 'hostile name': {
      const name = hostileString(random).slice(0, 60);
      const encoded = new TextEncoder().encode(name);
      const keys = await newEphemeralKeys();
      const data = Uint8Array.of(
        1,
        1,
        ...(await commitmentTo(keys.publicKey)),
        random.int(0, 9),
        Math.min(255, encoded.length),
        ...encoded.slice(0, 255),
      );
      return { kind, frames: [{ data }], closes: null };
    }
    case 'reveal before knock':
      return {
        kind,
        frames: [{ data: encodeDoorMessage({ kind: 'reveal', publicKey: bytes(random, 32) }) }],
        closes: 1002,
      };
    case 'knock, then another key':
      return {
        kind,
        frames: [
          { data: await validKnock(random) },
          {
            data: encodeDoorMessage({
              kind: 'reveal',
              publicKey: (await newEphemeralKeys()).publicKey,
            }),
            afterDoorKey: true,
          },
        ],
        closes: 1002,
      };
    case 'knock, then junk':
      return {
        kind,
        frames: [
          { data: await validKnock(random) },
          { data: bytes(random, random.int(1, 60)), afterDoorKey: true },
        ],
        closes: 1002,
      };
    case 'oversized frame':
      return {
        kind,
        frames: [{ data: bytes(random, random.int(MAX_DOOR_MESSAGE_BYTES + 1, 6000)) }],
        closes: 1009,
      };
    default: {
      const text = hostileString(random);
      const oversized = Buffer.byteLength(text) > MAX_DOOR_MESSAGE_BYTES;
      return { kind, frames: [{ data: text }], closes: oversized ? 1009 : 1002 };
    }
  }
}

/** Runs one hostile exchange on a fresh connection; resolves with what the door did. */
function exchange(
  url: string,
  input: HostileKnock,
): Promise<{ outcome: 'door-key' | 'closed' | 'timeout'; code: number | null; got: Uint8Array[] }> {
  return new Promise((resolve) => {
    const got: Uint8Array[] = [];
    const socket = new WebSocket(url, DOOR_SUBPROTOCOL, { perMessageDeflate: false });
    let waitingForKey = input.frames.some((frame) => frame.afterDoorKey === true);
    const timer = setTimeout(() => finish('timeout', null), CASE_TIMEOUT_MS);
    const finish = (outcome: 'door-key' | 'closed' | 'timeout', code: number | null): void => {
      clearTimeout(timer);
      socket.removeAllListeners();
      socket.on('error', () => undefined);
      socket.terminate();
      resolve({ outcome, code, got });
    };
    socket.on('error', () => undefined);
    socket.on('open', () => {
      for (const frame of input.frames) {
        if (frame.afterDoorKey === true) continue;
        socket.send(frame.data, { binary: typeof frame.data !== 'string' });
      }
    });
    socket.on('message', (data: Buffer) => {
      got.push(new Uint8Array(data));
      if (!waitingForKey) {
        finish('door-key', null);
        return;
      }
      waitingForKey = false;
      for (const frame of input.frames) {
        if (frame.afterDoorKey === true) socket.send(frame.data, { binary: true });
      }
    });
    socket.on('close', (code) => finish('closed', code));
  });
}

/** Hostile knocks at a real open door. */
export const doorMessagesTarget: FuzzTarget = {
  name: 'door messages to an open door',
  defaultCases: 20_000,
  smokeCases: 600,
  async prepare(): Promise<PreparedTarget> {
    const restoreLog = setLogSink(() => undefined);
    const uncaught: unknown[] = [];
    const onUncaught = (error: unknown): void => {
      uncaught.push(error);
    };
    process.on('uncaughtException', onUncaught);
    const door: FrontDoor = await openFrontDoor({
      hosts: ['127.0.0.1'],
      invite: () => Promise.resolve(INVITE),
      onChange: () => undefined,
      // One address sends every case: the rate limit would refuse them at the handshake.
      limits: { knocksPerAddress: Number.MAX_SAFE_INTEGER, knockExpiryMs: 24 * 3_600_000 },
    });
    const url = `ws://127.0.0.1:${door.port}/door`;
    const good: RecordedKnock = recordKnock(url, 'Good knocker');
    const goodWords = await good.words;
    // The door has the words a moment after the knocker does.
    for (let tries = 0; door.knocks().length === 0 && tries < 200; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const waiting = door.knocks();
    if (waiting.length !== 1) throw new Error('the good knock is not waiting at the door');
    const kinds = new Tally();
    const outcomes = new Tally();
    return {
      async runCase(random, index) {
        const input = await hostileKnock(random);
        kinds.add(input.kind);
        const t0 = performance.now();
        const result = await exchange(url, input);
        const measuredMs = performance.now() - t0;
        for (const error of uncaught.splice(0)) {
          throw error instanceof Error ? error : new Error(String(error));
        }
        outcomes.add(result.outcome === 'closed' ? `closed ${result.code}` : result.outcome);
        const violations: string[] = [];
        const label = `case ${index} (${input.kind})`;
        if (result.outcome === 'timeout') violations.push(`${label}: no key and no close in 2 s`);
        if (input.closes !== null && result.outcome !== 'closed') {
          violations.push(`${label}: the connection was not closed`);
        }
        if (input.closes !== null && result.outcome === 'closed' && result.code !== input.closes) {
          violations.push(`${label}: closed with ${result.code}, not ${input.closes}`);
        }
        for (const frame of result.got) {
          const doorKey = frame.length === 34 && frame[0] === 1 && frame[1] === 2;
          const end = frame.length === 3 && frame[0] === 1 && frame[1] === 5;
          if (!doorKey && !end)
            violations.push(`${label}: the door sent a ${frame.length}-byte frame`);
        }
        // Let the door see the close before looking at what the facilitator sees.
        await new Promise((resolve) => setImmediate(resolve));
        const now = door.knocks();
        if (
          JSON.stringify(now.map((k) => k.knockId)) !==
          JSON.stringify(waiting.map((k) => k.knockId))
        ) {
          violations.push(`${label}: the waiting knocks changed (${now.length} waiting)`);
        }
        return { violations, measuredMs };
      },
      summary() {
        return `sent: ${kinds.toString()}; door: ${outcomes.toString()}`;
      },
      async dispose() {
        const problems: string[] = [];
        const goodKnock = door.knocks()[0];
        if (goodKnock === undefined || goodKnock.words.join(' ') !== goodWords?.join(' ')) {
          problems.push('the good knock is no longer waiting with its words');
        } else {
          await door.answer(goodKnock.knockId, 'let-in');
          const done = await good.done;
          if (done.kind !== 'let-in')
            problems.push(`the good knocker was not let in (${done.kind})`);
        }
        good.close();
        await door.close();
        process.off('uncaughtException', onUncaught);
        restoreLog();
        return problems;
      },
    };
  },
};
