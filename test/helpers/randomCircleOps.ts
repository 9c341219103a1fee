/**
 * Seeded random operations on a circle replicated in memory ({@link CircleReplicas}):
 * changes to the index through `CircleIndex` (meetings added and retitled, redated and
 * re-prompted, entries added, members upserted), real Lexical edits to entries
 * (./randomEntryEdits.ts), and network events (messages delivered in random batches,
 * replicas cut off and reconnected).
 */
import type { EntryId, MemberId } from '../../shared/notebook/ids';
import { MEMBER_COLOURS, PROMPT_KINDS, type MeetingPrompt } from '../../shared/notebook/schema';
import { nextTask, seededId, type CircleReplicas } from './circleReplicas';
import { randomEntryEdit } from './randomEntryEdits';
import type { SeededRandom } from './seededRandom';

/** The kinds of operation, chosen by weight. */
export type CircleOpKind = 'index' | 'entry' | 'deliver' | 'disconnect' | 'reconnect';

const OP_WEIGHTS: Readonly<Record<CircleOpKind, number>> = {
  index: 22,
  entry: 60,
  deliver: 12,
  disconnect: 3,
  reconnect: 3,
};

/** How a run goes. */
export interface CircleRunOptions {
  operations: number;
  /**
   * Who edits an entry: `any` replica (several laptops typing into one entry at once),
   * or only the `maker`, as in Hearth, where an entry is written by its author.
   */
  writers: 'any' | 'maker';
  /**
   * Go on when a Lexical edit throws, recording why; the edit is discarded, as the app's
   * editor discards it. Lexical 0.52 throws on some valid selections (removeText from a
   * paragraph into a list item of several text nodes), and an editor that drifted from
   * its document (see the convergence test) can refuse edits too.
   */
  tolerateRefusedEdits?: boolean;
  /**
   * `batch` hands a random batch of messages over in one go (several Yjs transactions
   * before an editor commits); `task` hands each over in its own task, as a browser
   * delivers data-channel messages.
   */
  delivery?: 'batch' | 'task';
}

/** What a run did. */
export interface CircleRun {
  counts: Record<CircleOpKind, number>;
  /** Records written, so a test can check none went missing. */
  added: { meetings: number; entries: number };
  /** One line per operation, to print when a run fails. */
  log: string[];
  /** Edits Lexical threw on, when tolerated. */
  refusedEdits: string[];
}

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

/** One change to replica `replica`'s index, as a member's laptop makes it; says which. */
export function randomIndexOp(
  circle: CircleReplicas,
  replica: number,
  random: SeededRandom,
  now: number,
): string {
  const index = circle.index(replica);
  const { meetings, members } = index.read();
  const kind = random.weighted({ meeting: 3, update: 4, entry: 6, member: 2 });
  if (kind === 'meeting' || meetings.length === 0) {
    const createdBy = random.pick([...members.keys()]);
    index.addMeeting(
      {
        title: `Meeting ${now}`,
        date: randomDate(random),
        prompts: randomPrompts(random),
        createdBy,
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
    const entryId = seededId<EntryId>(random);
    const anonymous = random.chance(0.2);
    const authorId = anonymous ? null : random.pick([...members.keys()]);
    const visibility = anonymous ? 'anonymous' : 'circle';
    // The record first, as the app writes it: peers refuse a document the index does not name.
    index.addEntry({ meetingId: meeting.id, authorId, visibility }, now, entryId);
    circle.seedEntry(replica, entryId);
    return 'add entry';
  }
  const existing = random.chance(0.5) ? random.pick([...members.values()]) : null;
  index.upsertMember({
    id: existing?.id ?? seededId<MemberId>(random),
    name: `Member ${now}`,
    colour: random.pick(MEMBER_COLOURS),
    joinedAt: existing?.joinedAt ?? now,
    agreedAt: random.chance(0.5) ? now : null,
    agreedVersion: random.chance(0.5) ? random.int(1, 3) : null,
  });
  return 'upsert member';
}

function describe(error: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = error; e instanceof Error; e = e.cause) parts.push(e.message);
  return parts.join(': ');
}

function runOne(
  circle: CircleReplicas,
  replica: number,
  random: SeededRandom,
  kind: CircleOpKind,
  editable: string[],
  step: number,
): string {
  switch (kind) {
    case 'index':
      return randomIndexOp(circle, replica, random, 1_000 + step);
    case 'entry': {
      const entryId = random.pick(editable);
      return `${randomEntryEdit(circle.editor(replica, entryId), random)} in ${entryId}`;
    }
    case 'deliver':
      circle.network.deliver(random.int(1, 40));
      return 'deliver';
    case 'disconnect':
      circle.network.disconnect(replica);
      return 'disconnect';
    case 'reconnect':
      circle.network.connect(replica);
      return 'reconnect';
  }
}

/** Runs `options.operations` seeded random operations on `circle`. */
export async function runRandomOperations(
  circle: CircleReplicas,
  random: SeededRandom,
  options: CircleRunOptions,
): Promise<CircleRun> {
  const counts: Record<CircleOpKind, number> = {
    index: 0,
    entry: 0,
    deliver: 0,
    disconnect: 0,
    reconnect: 0,
  };
  const added = { meetings: 0, entries: 0 };
  const log: string[] = [];
  const refusedEdits: string[] = [];
  for (let step = 0; step < options.operations; step++) {
    const replica = random.int(0, circle.size - 1);
    let kind = random.weighted(OP_WEIGHTS);
    const editable = [...circle.index(replica).read().entries.keys()].filter(
      (id) => options.writers === 'any' || circle.makerOf(id) === replica,
    );
    if (kind === 'entry' && editable.length === 0) kind = 'index';
    let done: string;
    try {
      if (kind === 'deliver' && options.delivery === 'task') {
        for (let n = random.int(1, 40); n > 0 && circle.network.pending > 0; n--) {
          circle.network.deliver(1);
          await nextTask();
        }
        done = 'deliver';
      } else {
        done = runOne(circle, replica, random, kind, editable, step);
      }
    } catch (error) {
      if (kind === 'entry' && options.tolerateRefusedEdits === true) {
        refusedEdits.push(`${step}: ${describe(error)}`);
        log.push(`${step}: replica ${replica} edit refused`);
        await nextTask();
        continue;
      }
      const before = log.slice(-10).join('\n');
      throw new Error(
        `operation ${step} (${kind} on replica ${replica}) threw; before it:\n${before}`,
        {
          cause: error,
        },
      );
    }
    if (done === 'add meeting') added.meetings++;
    if (done === 'add entry') added.entries++;
    counts[kind]++;
    log.push(`${step}: replica ${replica} ${done}`);
    // Remote changes reach each editor in a Lexical update committed in a microtask;
    // a discrete local edit made before that commit would be tagged as a remote one.
    await nextTask();
  }
  return { counts, added, log, refusedEdits };
}
