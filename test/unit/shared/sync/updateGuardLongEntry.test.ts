import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { PEER_ORIGIN } from '../../../../shared/notebook/origins';
import { applyGuardedUpdate } from '../../../../shared/sync/updateGuard';
import { seededRandom } from '../../../helpers/seededRandom';
import { keystrokesInto, typedEntry } from '../../../helpers/typedEntry';

// What each path costs is measured by `npm run bench -- --checks` (test/bench/checkCosts.ts);
// here, that a long entry keeps every keystroke on the fast path and ends as Yjs alone would.
describe('update guard on a long entry', () => {
  it("takes a peer's keystrokes into a 50 KB entry on the fast path, ending where plain Yjs ends", () => {
    const random = seededRandom(41);
    const live = typedEntry(random, 50_000);
    const state = Y.encodeStateAsUpdate(live);
    const keystrokes = keystrokesInto(live, random, 400);
    const plain = new Y.Doc();
    Y.applyUpdate(plain, state);
    const scratch = new Y.Doc();
    Y.applyUpdate(scratch, state);
    for (const keystroke of keystrokes) {
      expect(applyGuardedUpdate(live, keystroke, PEER_ORIGIN)).toMatchObject({
        ok: true,
        path: 'fast',
      });
      expect(applyGuardedUpdate(scratch, keystroke, PEER_ORIGIN, { path: 'scratch' }).ok).toBe(
        true,
      );
      Y.applyUpdate(plain, keystroke);
    }
    expect(Y.encodeStateVector(live)).toEqual(Y.encodeStateVector(plain));
    expect(Y.encodeStateAsUpdate(scratch)).toEqual(Y.encodeStateAsUpdate(plain));
    expect(Y.encodeStateAsUpdate(live)).toEqual(Y.encodeStateAsUpdate(plain));
  });
});
