/**
 * Reads a circle for export: from its index state and its entry states to an
 * {@link ExportableCircle}, applying the consent rules of ./consent.ts before a single
 * body is opened (an entry kept out is never even read) and the member's options after.
 * Bodies are read one at a time, reporting progress and yielding to the event loop
 * between batches, so a long export in main never holds up the saving of live typing.
 */
import * as Y from 'yjs';
import type { EntryWriting } from '../notebook/bodyWriting';
import { CircleIndex, type IndexSnapshot } from '../notebook/circleIndex';
import { readWrittenLines } from '../notebook/writtenRuns';
import type { EntryId, MemberId } from '../notebook/ids';
import type { EntryRecord, MeetingRecord } from '../notebook/schema';
import { bylineFor, isWrittenBy, mayExport, mayNameReactors } from './consent';
import { entryBodyReader, type BodyForms, type EntryBody } from './entryBody';
import type { ExportOptions, MeetingChoice } from './exportOptions';
import type {
  ExportEntry,
  ExportMeeting,
  ExportReaction,
  ExportableCircle,
  JournalEntryInput,
  ReactionsInput,
} from './exportModel';

/** Where a circle's documents come from (the store in main, memory in tests). */
export interface CircleSource {
  indexState: Uint8Array;
  /** The stored state of an entry body, or null when this laptop has none yet. */
  entryState(entryId: EntryId): Promise<Uint8Array | null>;
  /** The member on this laptop: whose words "only mine" keeps. */
  memberId: MemberId;
  reactions?: ReactionsInput;
  /** The member's private journal entries: read only for "only mine" exports. */
  journal?: readonly JournalEntryInput[];
  /**
   * Anonymous entries this laptop's member wrote. Nothing in the circle's documents says
   * so — only their private journal knows — so "only mine" can include them, still
   * shown as shared anonymously.
   */
  ownAnonymousEntries?: ReadonlySet<EntryId>;
}

/** Set `cancelled` to stop an export between two entries. */
export interface CancelToken {
  readonly cancelled: boolean;
}

/** Progress and cancelling of one read. */
export interface ReadControl {
  onProgress?: (done: number, total: number) => void;
  cancel?: CancelToken;
}

/** Thrown when an export was cancelled; nothing was written. */
export class ExportCancelled extends Error {
  constructor() {
    super('The export was cancelled.');
    this.name = 'ExportCancelled';
  }
}

/** Thrown when the options name something the circle does not have. */
export class ExportNotPossible extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExportNotPossible';
  }
}

// Entries read between two turns of the event loop.
const BATCH = 16;

/** Builds the exportable model of a circle under `options`. */
export async function readExportableCircle(
  source: CircleSource,
  options: ExportOptions,
  control: ReadControl = {},
  forms: BodyForms = { markdown: true, blocks: true },
): Promise<ExportableCircle> {
  const readBody = entryBodyReader(forms);
  const snapshot = readIndex(source.indexState);
  if (snapshot.meta === null)
    throw new ExportNotPossible('This circle’s notebook has not arrived yet.');
  const chosen = chooseMeetings(snapshot.meetings, options.meetings);
  const planned = chosen.map((meeting) => ({
    meeting,
    records: (snapshot.entriesByMeeting.get(meeting.id) ?? []).filter(
      (entry) =>
        mayExport(entry, snapshot.writing.get(entry.id)) &&
        (!options.onlyMine ||
          isWrittenBy(entry, source.memberId) ||
          source.ownAnonymousEntries?.has(entry.id) === true),
    ),
  }));
  const journal = options.onlyMine ? (source.journal ?? []) : [];
  const total = planned.reduce((sum, p) => sum + p.records.length, 0) + journal.length;
  let done = 0;
  const step = async (): Promise<void> => {
    done++;
    control.onProgress?.(done, total);
    if (done % BATCH === 0) await nextTurn();
    if (control.cancel?.cancelled === true) throw new ExportCancelled();
  };
  if (control.cancel?.cancelled === true) throw new ExportCancelled();
  control.onProgress?.(0, total);

  const meetings: ExportMeeting[] = [];
  for (const { meeting, records } of planned) {
    const entries: ExportEntry[] = [];
    for (const record of records) {
      const state = await source.entryState(record.id);
      const entry =
        state === null
          ? null
          : exportEntry(record, readBody(state), snapshot, source, options, state);
      if (entry !== null) entries.push(entry);
      await step();
    }
    const prompts = options.prompts ? meeting.prompts : [];
    // "Only mine" keeps just the meetings the member wrote in; otherwise a meeting with
    // nothing to show (no entries, prompts left out) is only an empty heading.
    if (entries.length === 0 && (options.onlyMine || prompts.length === 0)) continue;
    meetings.push({ title: meeting.title, date: meeting.date, prompts, entries });
  }

  const me = snapshot.members.get(source.memberId);
  const journalEntries: ExportEntry[] = [];
  for (const written of journal) {
    const body = readBody(written.state);
    if (body.text.trim() !== '') {
      journalEntries.push({
        byline:
          options.authors === 'shown' && me !== undefined
            ? { kind: 'member', name: me.name }
            : { kind: 'a-member' },
        createdAt: written.createdAt,
        markdown: body.markdown,
        blocks: body.blocks,
        reactions: [],
        contentNote: null,
      });
    }
    await step();
  }

  const first = meetings[0];
  const last = meetings.at(-1);
  return {
    name: snapshot.meta.name,
    dateRange:
      first === undefined || last === undefined ? null : { from: first.date, to: last.date },
    authors: options.authors,
    meetings,
    journal: journalEntries,
    onlyMine: options.onlyMine,
  };
}

function readIndex(state: Uint8Array): IndexSnapshot {
  const ydoc = new Y.Doc();
  try {
    Y.applyUpdate(ydoc, state);
    const index = new CircleIndex(ydoc);
    const snapshot = index.read();
    index.dispose();
    return snapshot;
  } finally {
    ydoc.destroy();
  }
}

/** The chosen meetings, oldest first. */
export function chooseMeetings(
  meetings: readonly MeetingRecord[],
  choice: MeetingChoice,
): MeetingRecord[] {
  const oldestFirst = meetings.toReversed();
  switch (choice.kind) {
    case 'all':
      return oldestFirst;
    case 'range':
      return oldestFirst.filter((m) => m.date >= choice.from && m.date <= choice.to);
    case 'one': {
      const meeting = oldestFirst.find((m) => m.id === choice.meetingId);
      if (meeting === undefined) throw new ExportNotPossible('That meeting is not in this circle.');
      return [meeting];
    }
  }
}

function exportEntry(
  record: EntryRecord,
  body: EntryBody,
  snapshot: IndexSnapshot,
  source: CircleSource,
  options: ExportOptions,
  state: Uint8Array,
): ExportEntry | null {
  // A body with no words yet (an entry just begun) has nothing to keep.
  if (body.text.trim() === '') return null;
  const writing = snapshot.writing.get(record.id);
  return {
    byline: bylineFor(
      record,
      options.authors,
      snapshot.members,
      writing === undefined || options.authors !== 'shown' ? [] : writersIn(state, writing),
    ),
    createdAt: record.createdAt,
    markdown: body.markdown,
    blocks: body.blocks,
    reactions: options.reactions ? reactionsOf(record.id, snapshot, source.reactions, options) : [],
    contentNote: record.contentNote,
  };
}

/** The members with words in a body, first writer first (shared/notebook/writtenRuns.ts). */
function writersIn(state: Uint8Array, writing: EntryWriting): MemberId[] {
  const ydoc = new Y.Doc();
  try {
    Y.applyUpdate(ydoc, state);
    const writers: MemberId[] = [];
    for (const line of readWrittenLines(ydoc)) {
      for (const run of line) {
        const member = writing.clients.get(run.client);
        if (typeof member === 'string' && !writers.includes(member)) writers.push(member);
      }
    }
    return writers;
  } finally {
    ydoc.destroy();
  }
}

function reactionsOf(
  entryId: EntryId,
  snapshot: IndexSnapshot,
  reactions: ReactionsInput | undefined,
  options: ExportOptions,
): ExportReaction[] {
  if (reactions === undefined) return [];
  const onEntry = reactions.byEntry.get(entryId);
  if (onEntry === undefined) return [];
  const naming = mayNameReactors(options.authors, reactions.namesShown);
  const out: ExportReaction[] = [];
  for (const kind of reactions.kinds) {
    const who = [...new Set(onEntry.get(kind.id) ?? [])];
    if (who.length === 0) continue;
    const names = naming
      ? who.flatMap((memberId) => {
          const member = snapshot.members.get(memberId);
          return member === undefined ? [] : [member.name];
        })
      : null;
    out.push({ label: kind.label, count: who.length, names });
  }
  return out;
}

function nextTurn(): Promise<void> {
  return new Promise((resolve) => {
    setTimeout(resolve, 0);
  });
}
