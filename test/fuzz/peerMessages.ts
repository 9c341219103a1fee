/**
 * Fuzz target: sync messages from a hostile peer. Each case opens a fresh PeerSession on
 * the target laptop's notebook, lets the peer say HELLO, then feeds it one malformed
 * input from test/helpers/malformedFrames.ts (random bytes, flipped, cut or extended
 * frames, mutated and poisoned Yjs updates, oversized frames, broken chunk sequences).
 *
 * Invariants, each a violation when broken:
 * - at most one protocol error per session;
 * - a refused input leaves every document byte-identical (encoded state before = after)
 *   and adds no document;
 * - an accepted input leaves every document it changed healthy (encodes, decodes, and a
 *   local edit next to it applies on a replica);
 * - an update crafted to damage a document is always refused.
 * The time per case is the session's own: start, HELLO, the input, until it is idle.
 */
import type * as Y from 'yjs';
import { setLogSink } from '../../shared/log';
import type { DocId, MemberId } from '../../shared/notebook/ids';
import { MESSAGE_KIND, encodePeerMessage } from '../../shared/sync/peerProtocol';
import { PeerSession } from '../../shared/sync/peerSession';
import { seededId } from '../helpers/circleReplicas';
import { healthy, poisonedUpdates, writeFuzzCircle } from '../helpers/fuzzCircle';
import { malformedInput } from '../helpers/malformedFrames';
import type { MemorySyncedDocs } from '../helpers/memorySyncedDocs';
import { Tally, type FuzzTarget, type PreparedTarget } from './fuzzTarget';

type Snapshot = Map<DocId, Buffer>;

function snapshot(docs: MemorySyncedDocs): Snapshot {
  return new Map([...docs.snapshot()].map(([id, state]) => [id, Buffer.from(state)]));
}

function changedDocs(before: Snapshot, after: Snapshot): DocId[] {
  const changed: DocId[] = [];
  for (const [docId, state] of after) {
    if (before.get(docId)?.equals(state) !== true) changed.push(docId);
  }
  return changed;
}

/** Sync messages from a peer, fed to a PeerSession on a written circle. */
export const peerMessagesTarget: FuzzTarget = {
  name: 'sync messages from a peer',
  defaultCases: 100_000,
  smokeCases: 4_000,
  async prepare(random): Promise<PreparedTarget> {
    const { target, corpus } = await writeFuzzCircle(random);
    for (const docId of target.docIds()) {
      corpus.poisoned.push(...poisonedUpdates(docId, target.docNow(docId)!));
    }
    const hello = encodePeerMessage({
      kind: MESSAGE_KIND.HELLO,
      memberId: seededId<MemberId>(random),
      protocolVersion: 1,
      docCount: 0,
    });
    const refusedByKind = new Tally();
    const sentByKind = new Tally();
    // Errors the session caught itself: an exception inside, turned into a protocol error.
    let caughtInside = 0;
    let accepted = 0;
    const restoreLog = setLogSink((record) => {
      if (record.level === 'error' && record.scope === 'sync') caughtInside++;
    });
    let current = snapshot(target);

    return {
      async runCase(caseRandom, index) {
        const input = malformedInput(caseRandom, corpus);
        const errors: string[] = [];
        const session = new PeerSession({
          docs: target,
          memberId: seededId<MemberId>(caseRandom),
          send: () => undefined,
          onProtocolError: (reason) => errors.push(reason),
        });
        const t0 = performance.now();
        session.start();
        session.receive(hello);
        for (const frame of input.frames) session.receive(frame);
        await session.idle();
        const measuredMs = performance.now() - t0;
        session.close();

        sentByKind.add(input.kind);
        const violations: string[] = [];
        if (errors.length > 1) violations.push(`case ${index}: ${errors.length} protocol errors`);
        const after = snapshot(target);
        const changed = changedDocs(current, after);
        if (errors.length > 0) {
          refusedByKind.add(input.kind);
          if (changed.length > 0 || after.size !== current.size) {
            violations.push(
              `case ${index} (${input.kind}): refused (${errors[0]!}) but changed ${changed.join(', ')}`,
            );
          }
        } else if (changed.length > 0) {
          accepted++;
          for (const docId of changed) {
            const ydoc: Y.Doc | null = target.docNow(docId);
            if (ydoc === null || !healthy(ydoc)) {
              violations.push(`case ${index} (${input.kind}): accepted, left ${docId} unhealthy`);
            }
          }
        }
        if (input.kind === 'poisoned update' && errors.length === 0) {
          violations.push(`case ${index}: a poisoned update was accepted`);
        }
        current = after;
        return { violations, measuredMs };
      },
      summary() {
        const refused = ['random bytes', 'mutated update', 'poisoned update', 'bad chunks']
          .map((kind) => `${kind} ${refusedByKind.get(kind)}/${sentByKind.get(kind)}`)
          .join(', ');
        return (
          `refused/sent: ${refused}; accepted as edits ${accepted}; ` +
          `errors caught inside the session ${caughtInside}`
        );
      },
      dispose() {
        restoreLog();
        return Promise.resolve();
      },
    };
  },
};
