import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { setLogSink, type LogRecord } from '../../../../shared/log';
import { CircleIndex } from '../../../../shared/notebook/circleIndex';
import { openEntryState } from '../../../../shared/notebook/headlessEntry';
import { INDEX_DOC_ID, type EntryId, type MeetingId } from '../../../../shared/notebook/ids';
import { INDEX_ROOT } from '../../../../shared/notebook/schema';
import { CircleReplicas, seededId } from '../../../helpers/circleReplicas';
import { runRandomOperations, type CircleRun } from '../../../helpers/randomCircleOps';
import { seedFromEnvironment, seededRandom } from '../../../helpers/seededRandom';
import { visibleEntry } from '../../../helpers/visibleEntry';

const OPERATIONS = 1200;

let warnings: LogRecord[] = [];
let restoreLog = (): void => undefined;
beforeEach(() => {
  warnings = [];
  restoreLog = setLogSink((record) => {
    if (record.level === 'warn' || record.level === 'error') warnings.push(record);
  });
});
afterEach(() => restoreLog());

// What a laptop shows when it opens the entry from its own copy of the document.
async function reopened(ydoc: Y.Doc): Promise<unknown> {
  const opened = await openEntryState(Y.encodeStateAsUpdate(ydoc));
  try {
    return opened.editor.getEditorState().toJSON();
  } finally {
    opened.dispose();
  }
}

async function expectSameNotebook(circle: CircleReplicas, run: CircleRun): Promise<void> {
  await circle.settle();
  const indexDoc = circle.network.doc(0, INDEX_DOC_ID);
  // An update that overtakes one it depends on can hide a record for a moment (and log
  // why); once everything has arrived, every record written is whole again.
  const warned = warnings.length;
  const fresh = new CircleIndex(indexDoc);
  const snapshot = fresh.read();
  fresh.dispose();
  expect(warnings.slice(warned).map((warning) => warning.detail)).toEqual([]);
  expect(snapshot.meetings).toHaveLength(run.added.meetings);
  expect(snapshot.entries.size).toBe(run.added.entries);
  const entryIds = circle.entryIds(0);
  expect(entryIds).toHaveLength(run.added.entries);

  for (let replica = 0; replica < circle.size; replica++) {
    const other = circle.network.doc(replica, INDEX_DOC_ID);
    for (const root of Object.values(INDEX_ROOT)) {
      expect(other.getMap(root).toJSON(), `index root ${root}`).toEqual(
        indexDoc.getMap(root).toJSON(),
      );
    }
    expect(Y.encodeStateVector(other)).toEqual(Y.encodeStateVector(indexDoc));
    expect(circle.index(replica).read()).toEqual(snapshot);
    expect(circle.entryIds(replica)).toEqual(entryIds);
  }
  for (const entryId of entryIds) {
    const reference = circle.entryDoc(0, entryId);
    const expected = await reopened(reference);
    for (let replica = 1; replica < circle.size; replica++) {
      const ydoc = circle.entryDoc(replica, entryId);
      expect(Y.encodeStateVector(ydoc), `state vector of ${entryId}`).toEqual(
        Y.encodeStateVector(reference),
      );
      expect(await reopened(ydoc), `entry ${entryId} on replica ${replica}`).toEqual(expected);
    }
  }
}

// Every editor that stayed open through the run shows what its document holds.
async function expectOpenEditorsShowTheirDocuments(circle: CircleReplicas): Promise<void> {
  for (let replica = 0; replica < circle.size; replica++) {
    for (const entryId of circle.entryIds(replica)) {
      const expected = (await reopened(circle.entryDoc(replica, entryId))) as Parameters<
        typeof visibleEntry
      >[0];
      const shown = circle.editor(replica, entryId).getEditorState().toJSON();
      expect(visibleEntry(shown), `open editor of ${entryId} on replica ${replica}`).toEqual(
        visibleEntry(expected),
      );
    }
  }
}

// Runs one seeded test; on failure, says how to replay it and what it did last.
async function seeded(
  seed: number,
  replicas: number,
  writers: 'any' | 'maker',
  check: (circle: CircleReplicas, run: CircleRun) => Promise<void>,
): Promise<void> {
  const random = seededRandom(seed);
  const circle = new CircleReplicas(replicas, random, { manual: true });
  let run: CircleRun | null = null;
  try {
    run = await runRandomOperations(circle, random, { operations: OPERATIONS, writers });
    expect(run.counts.index).toBeGreaterThan(150);
    expect(run.counts.entry).toBeGreaterThan(500);
    expect(run.counts.disconnect).toBeGreaterThan(10);
    await check(circle, run);
  } catch (error) {
    const tail = run?.log.slice(-12).join('\n') ?? '';
    throw new Error(
      `seed ${seed} failed (replay with HEARTH_SEED=${seed}); last operations:\n${tail}`,
      { cause: error },
    );
  } finally {
    circle.destroy();
  }
}

describe('a circle replicated in memory', () => {
  const two = seedFromEnvironment(49721767);
  it(`2 replicas converge after ${OPERATIONS} seeded random edits, disconnects and reconnects (seed ${two})`, async () => {
    await seeded(two, 2, 'any', expectSameNotebook);
  });

  const three = seedFromEnvironment(85736969);
  it(`3 replicas converge after ${OPERATIONS} seeded random edits, disconnects and reconnects (seed ${three})`, async () => {
    await seeded(three, 3, 'any', expectSameNotebook);
  });

  const authors = seedFromEnvironment(2);
  it(`open editors show what their documents hold when each entry is written by its author (seed ${authors})`, async () => {
    await seeded(authors, 3, 'maker', async (circle, run) => {
      await expectSameNotebook(circle, run);
      await expectOpenEditorsShowTheirDocuments(circle);
    });
  });

  // A known limit of Lexical's V1 collaboration binding (lexical#5693, #7217): when two
  // laptops edit one text node at once, an editor that stays open can show words its
  // document does not hold. Reopening shows the document. This test turns red when a
  // Lexical upgrade fixes it; then make it a plain `it`.
  it.fails('open editors can drift from their documents when several laptops type into one entry at once (seed 85736969)', async () => {
    await seeded(85736969, 3, 'any', async (circle, run) => {
      await expectSameNotebook(circle, run);
      await expectOpenEditorsShowTheirDocuments(circle);
    });
  });

  it('ignores records of the wrong type written by a peer, with a logged reason, and never throws', async () => {
    const random = seededRandom(7);
    const circle = new CircleReplicas(2, random);
    try {
      const good = circle.index(0).addMeeting(
        { title: 'Week one', date: '2025-03-04', prompts: [], createdBy: null },
        10,
      );
      // The "peer" writes straight into its document, past CircleIndex's typed writers.
      const peer = circle.network.doc(1, INDEX_DOC_ID);
      peer.transact(() => {
        const bad = new Y.Map<unknown>();
        peer.getMap(INDEX_ROOT.meetings).set(seededId<MeetingId>(random), bad);
        bad.set('title', 42);
        bad.set('date', '2025-03-05');
        bad.set('prompts', []);
        bad.set('createdAt', 11);
        bad.set('createdBy', null);
        peer.getMap(INDEX_ROOT.entries).set(seededId<EntryId>(random), 'not a record');
        peer.getMap(INDEX_ROOT.members).set('not-an-id', new Y.Map());
        peer.getMap(INDEX_ROOT.meta).set('schemaVersion', 'one');
      });
      await circle.settle();

      const snapshot = circle.index(0).read();
      expect(snapshot.meetings.map((m) => m.id)).toEqual([good]);
      expect(snapshot.entries.size).toBe(0);
      expect(snapshot.members.size).toBe(1);
      expect(snapshot.meta).toBeNull();
      const reasons = warnings
        .filter((record) => record.scope === 'notebook')
        .map((record) => String(record.detail?.reason));
      expect(reasons).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/title should be a string, got number/),
          expect.stringMatching(/entries \S+ is not a record/),
          expect.stringMatching(/member key is not an id/),
          expect.stringMatching(/meta\.schemaVersion should be a number/),
        ]),
      );
    } finally {
      circle.destroy();
    }
  });
});
