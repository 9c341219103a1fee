/**
 * What Hearth's own checks cost, beside what Yjs alone costs: the update guard on a peer's
 * keystroke into a long entry (fast path and scratch copy), refusing a hostile update of a
 * million structs, and reading an entry's text for search. These were timed assertions in
 * the unit tests once; on a shared, loaded machine they belong here, measured and printed.
 */
import * as Y from 'yjs';
import { entryTextFromDoc } from '../../shared/notebook/entryText';
import { PEER_ORIGIN } from '../../shared/notebook/origins';
import { applyGuardedUpdate } from '../../shared/sync/updateGuard';
import { craftUpdate, gcStruct } from '../helpers/craftedUpdates';
import { seededRandom } from '../helpers/seededRandom';
import { keystrokesInto, typedEntry } from '../helpers/typedEntry';
import { proseEntry } from './benchProse';
import { typeEntry } from './typist';

type Row = [measure: string, value: string, goal: string, status: string];

const ms = (value: number, digits = 3): string => `${value.toFixed(digits)} ms`;
const verdict = (ok: boolean): string => (ok ? 'pass' : 'FAIL');

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]!;
}

function timed(run: () => void): number {
  const started = performance.now();
  run();
  return performance.now() - started;
}

/** The checks' costs as table rows (the caller prints them). */
export function measureCheckCosts(): Row[] {
  const random = seededRandom(41);
  const live = typedEntry(random, 50_000);
  const state = Y.encodeStateAsUpdate(live);
  const keystrokes = keystrokesInto(live, random, 400);

  const fast = keystrokes.map((keystroke) =>
    timed(() => {
      const result = applyGuardedUpdate(live, keystroke, PEER_ORIGIN);
      if (!result.ok || result.path !== 'fast') throw new Error('a keystroke left the fast path');
    }),
  );
  const copy = new Y.Doc();
  Y.applyUpdate(copy, state);
  const scratch: number[] = [];
  for (const [i, keystroke] of keystrokes.entries()) {
    if (i % 20 !== 0) {
      Y.applyUpdate(copy, keystroke);
      continue;
    }
    scratch.push(
      timed(() => {
        if (!applyGuardedUpdate(copy, keystroke, PEER_ORIGIN, { path: 'scratch' }).ok) {
          throw new Error('the scratch path refused a keystroke');
        }
      }),
    );
  }
  const plain = new Y.Doc();
  Y.applyUpdate(plain, state);
  const plainEach =
    timed(() => keystrokes.forEach((keystroke) => Y.applyUpdate(plain, keystroke))) /
    keystrokes.length;

  const million = craftUpdate([
    { client: 7, clock: 0, structs: Array.from({ length: 1_000_001 }, () => gcStruct(1)) },
  ]);
  const refusal = timed(() => {
    const result = applyGuardedUpdate(new Y.Doc(), million, PEER_ORIGIN);
    if (result.ok) throw new Error('a million-struct update was let in');
  });

  // A 400-word entry typed through Lexical, as the bench's circles are written.
  const prose = new Y.Doc();
  Y.applyUpdate(prose, typeEntry(proseEntry(random, 400), random).state);
  const reads = 300;
  const readEach = timed(() => {
    for (let i = 0; i < reads; i++) entryTextFromDoc(prose);
  });

  const fastP50 = percentile(fast, 50);
  return [
    [
      `guard, peer keystroke into a ${Math.round(state.length / 1000)} KB entry: fast path p50 / p99`,
      `${ms(fastP50)} / ${ms(percentile(fast, 99))} (Yjs alone ${ms(plainEach)})`,
      '< 1 ms p50',
      verdict(fastP50 < 1),
    ],
    [
      'guard, same keystroke on the scratch copy: p50',
      ms(percentile(scratch, 50), 2),
      'report',
      '',
    ],
    [
      'guard refuses an update of 1,000,001 structs',
      ms(refusal, 0),
      '< 2000 ms',
      verdict(refusal < 2000),
    ],
    [
      'entry text for search, a 400-word entry: per read',
      ms(readEach / reads, 2),
      '< 5 ms',
      verdict(readEach / reads < 5),
    ],
  ];
}
