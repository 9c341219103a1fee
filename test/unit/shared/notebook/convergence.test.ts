import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  $createTextNode,
  $getRoot,
  $isElementNode,
  type ElementNode,
  type SerializedEditorState,
} from 'lexical';
import { type LogRecord } from '../../../../shared/log';
import { CircleIndex } from '../../../../shared/notebook/circleIndex';
import { openEntryState } from '../../../../shared/notebook/headlessEntry';
import { INDEX_DOC_ID, type EntryId, type MeetingId } from '../../../../shared/notebook/ids';
import { INDEX_ROOT } from '../../../../shared/notebook/schema';
import { CircleReplicas, seededId } from '../../../helpers/circleReplicas';
import { runRandomOperations, type CircleRun } from '../../../helpers/randomCircleOps';
import { seedFromEnvironment, seededRandom } from '../../../helpers/seededRandom';
import { visibleEntry } from '../../../helpers/visibleEntry';
import { capturedLogs } from '../../../helpers/capturedLogs';

const OPERATIONS = 1200;

function $firstBlock(): ElementNode {
  const block = $getRoot().getFirstChild();
  if (!$isElementNode(block)) throw new Error('the entry has no first block');
  return block;
}

const logged = capturedLogs();
const warnings = (): LogRecord[] =>
  logged.filter((record) => record.level === 'warn' || record.level === 'error');

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
  const indexDoc = circle.network.doc(0, INDEX_DOC_ID);
  // An update that overtakes one it depends on can hide a record for a moment (and log
  // why); once everything has arrived, every record written is whole again.
  const warned = warnings().length;
  const fresh = new CircleIndex(indexDoc);
  const snapshot = fresh.read();
  fresh.dispose();
  expect(
    warnings()
      .slice(warned)
      .map((warning) => warning.detail),
  ).toEqual([]);
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

// Every editor that stayed open through the run holds exactly what its document does.
async function expectOpenEditorsMatchTheirDocuments(circle: CircleReplicas): Promise<void> {
  for (let replica = 0; replica < circle.size; replica++) {
    for (const entryId of circle.entryIds(replica)) {
      const expected = await reopened(circle.entryDoc(replica, entryId));
      expect(
        circle.editor(replica, entryId).getEditorState().toJSON(),
        `open editor of ${entryId} (made on replica ${circle.makerOf(entryId)}) on replica ${replica}`,
      ).toEqual(expected);
    }
  }
}

// Every editor that stayed open through the run shows the words and formats its
// document holds (however Lexical split them into nodes).
async function expectOpenEditorsShowTheirDocuments(circle: CircleReplicas): Promise<void> {
  for (let replica = 0; replica < circle.size; replica++) {
    for (const entryId of circle.entryIds(replica)) {
      const expected = (await reopened(circle.entryDoc(replica, entryId))) as SerializedEditorState;
      const shown = circle.editor(replica, entryId).getEditorState().toJSON();
      expect(
        visibleEntry(shown),
        `open editor of ${entryId} (made on replica ${circle.makerOf(entryId)}) on replica ${replica}`,
      ).toEqual(visibleEntry(expected));
    }
  }
}

/** How a seeded run is set up. */
interface SeededRun {
  replicas: number;
  /** `any` replica edits any entry; `maker`: only the laptop an entry was made on. */
  writers: 'any' | 'maker';
  /** `task`: one message per task, as browsers deliver; `batch`: many before a commit. */
  delivery: 'task' | 'batch';
}

// Runs one seeded test; on failure, says how to replay it and what it did last.
async function seeded(
  seed: number,
  { replicas, writers, delivery }: SeededRun,
  check: (circle: CircleReplicas, run: CircleRun) => Promise<void>,
): Promise<void> {
  const random = seededRandom(seed);
  const circle = await CircleReplicas.found(replicas, random);
  let run: CircleRun | null = null;
  try {
    run = await runRandomOperations(circle, random, {
      operations: OPERATIONS,
      writers,
      delivery,
      tolerateRefusedEdits: true,
    });
    expect(run.counts.index).toBeGreaterThan(150);
    expect(run.counts.entry).toBeGreaterThan(500);
    expect(run.counts.disconnect).toBeGreaterThan(10);
    expect(run.refusedEdits.length).toBeLessThan(OPERATIONS / 100);
    await circle.settle({ oneMessagePerTask: delivery === 'task' });
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

async function expectSameNotebookAndEditors(circle: CircleReplicas, run: CircleRun) {
  await expectSameNotebook(circle, run);
  await expectOpenEditorsMatchTheirDocuments(circle);
}

// Minutes on a loaded 2-core machine: 1200 operations, every frame through the sessions.
describe('a circle replicated in memory over the real mesh', { timeout: 180_000 }, () => {
  const two = seedFromEnvironment(49721767);
  it(`2 replicas converge after ${OPERATIONS} seeded random edits by any replica, disconnects and reconnects (seed ${two})`, async () => {
    await seeded(two, { replicas: 2, writers: 'any', delivery: 'task' }, expectSameNotebook);
  });

  const three = seedFromEnvironment(85736969);
  it(`3 replicas converge after ${OPERATIONS} seeded random edits by any replica, disconnects and reconnects (seed ${three})`, async () => {
    await seeded(three, { replicas: 3, writers: 'any', delivery: 'task' }, expectSameNotebook);
  });

  // As in Hearth, where an entry is written on its author's laptop and read elsewhere.
  for (const [replicas, fallback] of [
    [2, 31],
    [3, 2],
  ] as const) {
    const seed = seedFromEnvironment(fallback);
    it(`${replicas} replicas' open editors hold the same Lexical state as their documents when each entry is written on its author's laptop (seed ${seed})`, async () => {
      const run = { replicas, writers: 'maker', delivery: 'task' } as const;
      await seeded(seed, run, expectSameNotebookAndEditors);
    });
  }

  // Fixed seeds below: batches can also make the binding throw in a commit (outside any
  // test's reach), so other seeds are not offered for replay here.
  it(`3 replicas' documents converge when messages arrive in batches (seed 1)`, async () => {
    await seeded(1, { replicas: 3, writers: 'any', delivery: 'batch' }, expectSameNotebook);
  });

  // A limit of Lexical's V1 collaboration binding: an editor that stays open can end up
  // showing words its document does not hold, or missing some it does (reopening shows
  // the document). Seen when several remote transactions reach a bound document before
  // the editor commits: over the real mesh, when frames arrive in batches (seeds 8, 10
  // and 11 while an entry's whole body that overtook its index record closed the link;
  // seed 8 still since such a body waits for its record, shared/sync/heldWrites.ts, which
  // changes the order of events). Writing each entry only on its author's laptop avoids
  // it (the tests above). Turns red when a Lexical upgrade fixes it; then make it a plain
  // `it`.
  it.fails(
    'open editors drift from their documents when several remote transactions arrive before they commit (seed 8)',
    async () => {
      const run = { replicas: 3, writers: 'any', delivery: 'batch' } as const;
      await seeded(8, run, (circle) => expectOpenEditorsShowTheirDocuments(circle));
    },
  );

  // Lexical's V1 binding writes a text node as a Y.Map followed by its characters
  // (lexical#5693), so text typed into a node that another laptop replaced is left with
  // no map, and Lexical then drops the paragraph's text, for everyone: "123" typed on
  // one laptop and "456" on the other merge to an empty paragraph on both. Turns red
  // when Lexical stops losing the words; then make it a plain `it`.
  it.fails("two laptops that edit one paragraph apart keep both members' words", async () => {
    const circle = await CircleReplicas.found(2, seededRandom(11));
    const entryId = 'entryAAAAAAAAAAAAAAAAA' as EntryId;
    try {
      const meetingId = circle
        .index(0)
        .addMeeting({ title: 'Week one', date: '2025-03-04', prompts: [], createdBy: null }, 10);
      circle.index(0).addEntry({ meetingId, authorId: null, visibility: 'anonymous' }, 11, entryId);
      circle.seedEntry(0, entryId);
      await circle.settle();
      const [first, second] = [circle.editor(0, entryId), circle.editor(1, entryId)];
      first.update(() => $firstBlock().append($createTextNode('abc')), {
        discrete: true,
      });
      await circle.settle();
      circle.network.disconnect(1);
      // One member types at the start of the word; the other selects it and types over it.
      first.update(() => $getRoot().getAllTextNodes()[0]!.select(0, 0).insertText('123'), {
        discrete: true,
      });
      second.update(() => $getRoot().getAllTextNodes()[0]!.select(0, 3).insertText('456'), {
        discrete: true,
      });
      await circle.settle();
      const shown = first.getEditorState().read(() => $getRoot().getTextContent());
      expect(shown).toContain('123');
      expect(shown).toContain('456');
    } finally {
      circle.destroy();
    }
  });

  it('ignores records of the wrong type written by a peer, with a logged reason, and never throws', async () => {
    const random = seededRandom(7);
    const circle = await CircleReplicas.found(2, random);
    try {
      const good = circle
        .index(0)
        .addMeeting({ title: 'Week one', date: '2025-03-04', prompts: [], createdBy: null }, 10);
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
      const reasons = warnings()
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
