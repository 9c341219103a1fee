import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { PEER_ORIGIN } from '../../../../shared/notebook/origins';
import { ENTRY_BODY_ROOT } from '../../../../shared/notebook/schema';
import { applyGuardedUpdate } from '../../../../shared/sync/updateGuard';
import { seededRandom, type SeededRandom } from '../../../helpers/seededRandom';

/** An entry body typed by a few writers, with formatting and deletions, to `bytes` of state. */
function typedEntry(random: SeededRandom, bytes: number): Y.Doc {
  const ydoc = new Y.Doc();
  const root = ydoc.get(ENTRY_BODY_ROOT, Y.XmlText);
  let paragraph = new Y.XmlText();
  root.insertEmbed(0, paragraph);
  for (let step = 0; Y.encodeStateAsUpdate(ydoc).length < bytes; step++) {
    ydoc.clientID = 100 + random.int(0, 3);
    for (let i = 0; i < 200; i++) {
      const roll = random.next();
      if (roll < 0.01) {
        paragraph = new Y.XmlText();
        root.insertEmbed(root.length, paragraph);
        paragraph.setAttribute('__type', 'paragraph');
      } else if (roll < 0.05 && paragraph.length > 10) {
        paragraph.delete(random.int(0, paragraph.length - 4), 3);
      } else if (roll < 0.06 && paragraph.length > 10) {
        paragraph.format(random.int(0, paragraph.length - 6), 5, { __format: 1 });
      } else {
        paragraph.insert(paragraph.length, random.pick(['a', 'b', 'c', ' ', 'é']));
      }
    }
  }
  return ydoc;
}

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]!;
}

describe('update guard cost', () => {
  it('checks a keystroke on a 50 KB entry in a fraction of a millisecond', () => {
    const random = seededRandom(41);
    const live = typedEntry(random, 50_000);
    const state = Y.encodeStateAsUpdate(live);
    const peer = new Y.Doc();
    Y.applyUpdate(peer, state);
    peer.clientID = 999;
    const keystrokes: Uint8Array[] = [];
    peer.on('update', (update: Uint8Array) => keystrokes.push(update));
    const delta = peer.get(ENTRY_BODY_ROOT, Y.XmlText).toDelta() as { insert: unknown }[];
    const paragraphs = delta
      .map((op) => op.insert)
      .filter((insert): insert is Y.XmlText => insert instanceof Y.XmlText);
    for (let i = 0; i < 400; i++) {
      const paragraph = random.pick(paragraphs);
      paragraph.insert(random.int(0, paragraph.length), 'k');
    }
    const fast: number[] = [];
    for (const keystroke of keystrokes) {
      const started = performance.now();
      const result = applyGuardedUpdate(live, keystroke, PEER_ORIGIN);
      fast.push(performance.now() - started);
      expect(result).toMatchObject({ ok: true, path: 'fast' });
    }
    const scratch: number[] = [];
    const copy = new Y.Doc();
    Y.applyUpdate(copy, state);
    for (const [i, keystroke] of keystrokes.entries()) {
      if (i % 20 !== 0) {
        Y.applyUpdate(copy, keystroke);
        continue;
      }
      const started = performance.now();
      expect(applyGuardedUpdate(copy, keystroke, PEER_ORIGIN, { path: 'scratch' }).ok).toBe(true);
      scratch.push(performance.now() - started);
    }
    const plain = new Y.Doc();
    Y.applyUpdate(plain, state);
    const started = performance.now();
    for (const keystroke of keystrokes) Y.applyUpdate(plain, keystroke);
    const plainEach = (performance.now() - started) / keystrokes.length;
    console.log(
      `guard on a ${state.length}-byte entry: keystroke fast path p50 ${percentile(fast, 50).toFixed(3)} ms, ` +
        `p99 ${percentile(fast, 99).toFixed(3)} ms (plain Y.applyUpdate ${plainEach.toFixed(3)} ms); ` +
        `scratch path p50 ${percentile(scratch, 50).toFixed(2)} ms`,
    );
    expect(Y.encodeStateVector(live)).toEqual(Y.encodeStateVector(plain));
    expect(percentile(fast, 50)).toBeLessThan(1);
  });
});
