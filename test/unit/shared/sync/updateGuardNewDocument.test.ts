/**
 * The guard's check of a new document without a live one (shared/sync/updateGuard.ts
 * `checkNewDocument`), which a joining laptop uses to write a peer's whole entries
 * straight to its store: seeded mutations of real notebook updates (and the poisoned
 * shapes), each checked both ways — applied through the guard into an empty live
 * document, and checked alone — get the same verdict, and what the check keeps, written
 * and read back, is exactly the document the live path made, and healthy.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { PEER_ORIGIN } from '../../../../shared/notebook/origins';
import { documentRules } from '../../../../shared/sync/documentRules';
import { applyGuardedUpdate, checkNewDocument } from '../../../../shared/sync/updateGuard';
import { healthy, poisonedUpdates, writeFuzzCircle } from '../../../helpers/fuzzCircle';
import { malformedInput } from '../../../helpers/malformedFrames';
import { seedFromEnvironment, seededRandom } from '../../../helpers/seededRandom';
import { capturedLogs } from '../../../helpers/capturedLogs';

const INPUTS = 1_500;
const SEED = seedFromEnvironment(20_261_208);

capturedLogs();
// Plain Yjs, fed forged client ids, prints a line each time.
beforeAll(() => vi.spyOn(console, 'log').mockImplementation(() => undefined));
afterAll(() => vi.restoreAllMocks());

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

describe('checking a new document without a live one', () => {
  it(`agrees with the live path on ${INPUTS} mutated and poisoned whole documents, and keeps the same words`, async () => {
    const random = seededRandom(SEED);
    const { target, corpus } = await writeFuzzCircle(random);
    for (const docId of target.docIds()) {
      corpus.poisoned.push(...poisonedUpdates(docId, target.docNow(docId)!));
    }
    const inputs = [...corpus.updates, ...corpus.poisoned];
    while (inputs.length < INPUTS) {
      const input = malformedInput(random, corpus);
      if (input.update !== undefined) inputs.push(input.update);
    }
    let kept = 0;
    for (const [n, { docId, bytes }] of inputs.entries()) {
      const rules = documentRules(docId);
      const live = new Y.Doc();
      const throughLive = applyGuardedUpdate(live, bytes, PEER_ORIGIN, { rules });
      const alone = checkNewDocument(bytes, { rules });
      expect(alone.ok, `input ${n}: ${alone.ok ? 'kept' : alone.reason}`).toBe(throughLive.ok);
      if (!alone.ok || !throughLive.ok) {
        if (!alone.ok && !throughLive.ok)
          expect(alone.soft === true).toBe(throughLive.soft === true);
        continue;
      }
      kept++;
      const readBack = new Y.Doc();
      Y.applyUpdate(readBack, alone.update);
      expect(hex(Y.encodeStateAsUpdate(readBack)), `input ${n}`).toBe(
        hex(Y.encodeStateAsUpdate(live)),
      );
      expect(healthy(readBack), `input ${n}`).toBe(true);
    }
    // The honest updates of the corpus, at least, are kept.
    expect(kept).toBeGreaterThanOrEqual(corpus.updates.length / 2);
  });
});
