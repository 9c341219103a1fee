import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { setLogSink, type LogRecord } from '../../../../shared/log';
import { CircleIndex } from '../../../../shared/notebook/circleIndex';
import { openEntryState } from '../../../../shared/notebook/headlessEntry';
import {
  INDEX_DOC_ID,
  type EntryId,
  type MeetingId,
  type MemberId,
} from '../../../../shared/notebook/ids';
import {
  INDEX_ROOT,
  MEMBER_COLOURS,
  PROMPT_KINDS,
  type MeetingPrompt,
} from '../../../../shared/notebook/schema';
import { CircleReplicas, nextTask, seededId } from '../../../helpers/circleReplicas';
import { randomEntryEdit } from '../../../helpers/randomEntryEdits';
import { seedFromEnvironment, seededRandom, type SeededRandom } from '../../../helpers/seededRandom';

type OpKind = 'index' | 'entry' | 'deliver' | 'disconnect' | 'reconnect';

const OP_WEIGHTS: Readonly<Record<OpKind, number>> = {
  index: 22,
  entry: 60,
  deliver: 12,
  disconnect: 3,
  reconnect: 3,
};

const OPERATIONS = 1200;

let restoreLog = (): void => undefined;
let warnings: LogRecord[] = [];
beforeEach(() => {
  warnings = [];
  restoreLog = setLogSink((record) => {
    if (record.level === 'warn' || record.level === 'error') warnings.push(record);
  });
});
afterEach(() => restoreLog());

function randomDate(random: SeededRandom): string {
  const month = String(random.int(1, 12)).padStart(2, '0');
  const day = String(random.int(1, 28)).padStart(2, '0');
  return `2025-${month}-${day}`;
}

function randomPrompts(random: SeededRandom): MeetingPrompt[] {
  return Array.from({ length: random.int(0, 4) }, (_, i) => ({
    kind: random.pick(PROMPT_KINDS),
    text: `Prompt ${i} of ${random.int(1, 999)}`,
  }));
}

// One change to the index through CircleIndex, as a member's laptop would make it.
function indexOp(circle: CircleReplicas, replica: number, random: SeededRandom, now: number) {
  const index = circle.index(replica);
  const { meetings, members } = index.read();
  const kind = random.weighted({ meeting: 3, update: 4, entry: 6, member: 2 });
  if (kind === 'meeting' || meetings.length === 0) {
    index.addMeeting(
      {
        title: `Meeting ${now}`,
        date: randomDate(random),
        prompts: randomPrompts(random),
        createdBy: random.pick([...members.keys()]),
      },
      now,
    );
    return 'add meeting';
  }
  const meeting = random.pick(meetings);
  if (kind === 'update') {
    const field = random.pick(['title', 'date', 'prompts'] as const);
    if (field === 'title') index.updateMeeting(meeting.id, { title: `Retitled ${now}` });
    if (field === 'date') index.updateMeeting(meeting.id, { date: randomDate(random) });
    if (field === 'prompts') index.updateMeeting(meeting.id, { prompts: randomPrompts(random) });
    return `update meeting ${field}`;
  }
  if (kind === 'entry') {
    // As CircleSession.createEntry does: seed the body once, where it is made.
    const entryId = seededId<EntryId>(random);
    circle.seedEntry(replica, entryId);
    const anonymous = random.chance(0.2);
    const authorId = anonymous ? null : random.pick([...members.keys()]);
    index.addEntry(
      { meetingId: meeting.id, authorId, visibility: anonymous ? 'anonymous' : 'circle' },
      now,
      entryId,
    );
    return 'add entry';
  }
  const known = [...members.values()];
  const existing = random.chance(0.5) ? random.pick(known) : null;
  index.upsertMember({
    id: existing?.id ?? seededId<MemberId>(random),
    name: `Member ${now}`,
    colour: random.pick(MEMBER_COLOURS),
    joinedAt: existing?.joinedAt ?? now,
    agreedAt: random.chance(0.5) ? now : null,
  });
  return 'upsert member';
}

async function runRandomOperations(circle: CircleReplicas, random: SeededRandom, log: string[]) {
  const counts: Record<OpKind, number> = {
    index: 0,
    entry: 0,
    deliver: 0,
    disconnect: 0,
    reconnect: 0,
  };
  const added = { meetings: 0, entries: 0 };
  for (let step = 0; step < OPERATIONS; step++) {
    const replica = random.int(0, circle.size - 1);
    const now = 1_000 + step;
    let kind = random.weighted(OP_WEIGHTS);
    const entries = [...circle.index(replica).read().entries.keys()];
    if (kind === 'entry' && entries.length === 0) kind = 'index';
    let done: string;
    if (kind === 'index') {
      done = indexOp(circle, replica, random, now);
    } else if (kind === 'entry') {
      done = randomEntryEdit(circle.editor(replica, random.pick(entries)), random);
    } else if (kind === 'deliver') {
      circle.network.deliver(random.int(1, 40));
      done = 'deliver';
    } else if (kind === 'disconnect') {
      circle.network.disconnect(replica);
      done = 'disconnect';
    } else {
      circle.network.connect(replica);
      done = 'reconnect';
    }
    counts[kind]++;
    if (done === 'add meeting') added.meetings++;
    if (done === 'add entry') added.entries++;
    log.push(`${step}: replica ${replica} ${done}`);
    // Remote changes reach each editor in a Lexical update committed in a microtask;
    // a discrete local edit made before that commit would be tagged as a remote one.
    await nextTask();
  }
  return { counts, added };
}

async function expectConverged(
  circle: CircleReplicas,
  added: { meetings: number; entries: number },
): Promise<void> {
  await circle.settle();
  const first = 0;
  const indexDoc = circle.network.doc(first, INDEX_DOC_ID);
  const entryIds = circle.entryIds(first);
  // An update that overtakes one it depends on can hide a record for a moment (and log
  // why); once everything has arrived, every record written is whole again.
  const warned = warnings.length;
  const fresh = new CircleIndex(indexDoc);
  const snapshot = fresh.read();
  fresh.dispose();
  expect(warnings.slice(warned).map((w) => w.detail)).toEqual([]);
  expect(snapshot.meetings).toHaveLength(added.meetings);
  expect(snapshot.entries.size).toBe(added.entries);
  expect(entryIds).toHaveLength(added.entries);
  expect(circle.index(first).read()).toEqual(snapshot);
  for (let replica = 1; replica < circle.size; replica++) {
    const other = circle.network.doc(replica, INDEX_DOC_ID);
    for (const root of Object.values(INDEX_ROOT)) {
      expect(other.getMap(root).toJSON(), `index root ${root}`).toEqual(
        indexDoc.getMap(root).toJSON(),
      );
    }
    expect(Y.encodeStateVector(other)).toEqual(Y.encodeStateVector(indexDoc));
    expect(circle.index(replica).read()).toEqual(circle.index(first).read());
    expect(circle.entryIds(replica)).toEqual(entryIds);
  }
  for (const entryId of entryIds) {
    const reference = circle.entryDoc(first, entryId);
    // What a laptop opening the stored state would show: the canonical reading.
    const opened = await openEntryState(Y.encodeStateAsUpdate(reference));
    const expected = opened.editor.getEditorState().toJSON();
    opened.dispose();
    for (let replica = 0; replica < circle.size; replica++) {
      const ydoc = circle.entryDoc(replica, entryId);
      expect(Y.encodeStateVector(ydoc), `state vector of ${entryId}`).toEqual(
        Y.encodeStateVector(reference),
      );
      expect(
        circle.editor(replica, entryId).getEditorState().toJSON(),
        `editor of ${entryId} on replica ${replica}`,
      ).toEqual(expected);
    }
  }
}

const RUNS = [
  { replicas: 2, seed: seedFromEnvironment(0x2f6b1a7) },
  { replicas: 3, seed: seedFromEnvironment(0x51c3e09) },
];

describe('a circle replicated in memory', () => {
  for (const { replicas, seed } of RUNS) {
    it(`${replicas} replicas converge after ${OPERATIONS} seeded random edits, disconnects and reconnects (seed ${seed}, replay with HEARTH_SEED=${seed})`, async () => {
      const random = seededRandom(seed);
      const circle = new CircleReplicas(replicas, random, { manual: true });
      const log: string[] = [];
      try {
        const { counts, added } = await runRandomOperations(circle, random, log);
        expect(counts.index).toBeGreaterThan(150);
        expect(counts.entry).toBeGreaterThan(500);
        expect(counts.disconnect).toBeGreaterThan(10);
        await expectConverged(circle, added);
      } catch (error) {
        const tail = log.slice(-15).join('\n');
        throw new Error(`seed ${seed} failed; last operations:\n${tail}\n${String(error)}`, {
          cause: error,
        });
      } finally {
        circle.destroy();
      }
    });
  }

  it('a peer that writes records of the wrong type is ignored with a reason, and reading never throws', async () => {
    const logged: LogRecord[] = [];
    restoreLog();
    restoreLog = setLogSink((record) => logged.push(record));
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
      });
      await circle.settle();

      const snapshot = circle.index(0).read();
      expect(snapshot.meetings.map((m) => m.id)).toEqual([good]);
      expect(snapshot.entries.size).toBe(0);
      expect(snapshot.members.size).toBe(1);
      const reasons = logged
        .filter((record) => record.level === 'warn' && record.scope === 'notebook')
        .map((record) => String(record.detail?.reason));
      expect(reasons).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/title should be a string, got number/),
          expect.stringMatching(/is not a record/),
          expect.stringMatching(/member key is not an id/),
        ]),
      );
    } finally {
      circle.destroy();
    }
  });
});
