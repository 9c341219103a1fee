/**
 * Typed access to a circle's index document (schema in ./schema.ts). Nothing outside
 * this module names the index document's roots. Reads go through a cached, validated
 * snapshot that is rebuilt after the document changes; writes are transactions with
 * an explicit origin.
 */
import * as Y from 'yjs';
import { logger } from '../log';
import { newId, type CircleId, type EntryId, type MeetingId, type MemberId } from './ids';
import { LOCAL_ORIGIN } from './origins';
import { checkEntry, checkMeeting, checkMember, checkMeta } from './records';
import {
  INDEX_ROOT,
  NOTEBOOK_SCHEMA_VERSION,
  type CircleMeta,
  type EntryRecord,
  type EntryVisibility,
  type MeetingPrompt,
  type MeetingRecord,
  type MemberRecord,
} from './schema';

const log = logger('notebook');

/** A consistent, validated view of the index document at one moment. */
export interface IndexSnapshot {
  meta: CircleMeta | null;
  members: ReadonlyMap<MemberId, MemberRecord>;
  /** Newest first: by date, then by creation time. */
  meetings: readonly MeetingRecord[];
  entries: ReadonlyMap<EntryId, EntryRecord>;
  /** Each meeting's entries, oldest first. */
  entriesByMeeting: ReadonlyMap<MeetingId, readonly EntryRecord[]>;
}

/** What a new meeting needs. */
export interface NewMeeting {
  title: string;
  date: string;
  prompts: MeetingPrompt[];
  createdBy: MemberId | null;
}

/** What a new entry needs. */
export interface NewEntry {
  meetingId: MeetingId;
  authorId: MemberId | null;
  visibility: EntryVisibility;
}

/** What the founding of a circle writes into its index document. */
export interface CircleFounding {
  circleId: CircleId;
  name: string;
  founder: Omit<MemberRecord, 'agreedAt'>;
  createdAt: number;
}

/** Typed reader and writer for one circle's index document. */
export class CircleIndex {
  private snapshot: IndexSnapshot | null = null;
  private readonly listeners = new Set<() => void>();
  private readonly reported = new Set<string>();
  private readonly onChange = (): void => {
    this.snapshot = null;
    for (const listener of [...this.listeners]) listener();
  };

  constructor(readonly ydoc: Y.Doc) {
    for (const root of Object.values(INDEX_ROOT)) ydoc.getMap(root).observeDeep(this.onChange);
  }

  /** Writes the first state of a new circle: its meta and its founding member. */
  static found(ydoc: Y.Doc, founding: CircleFounding): CircleIndex {
    const index = new CircleIndex(ydoc);
    ydoc.transact(() => {
      const yMeta = ydoc.getMap<unknown>(INDEX_ROOT.meta);
      yMeta.set('schemaVersion', NOTEBOOK_SCHEMA_VERSION);
      yMeta.set('circleId', founding.circleId);
      yMeta.set('name', founding.name);
      yMeta.set('createdAt', founding.createdAt);
    }, LOCAL_ORIGIN);
    index.upsertMember({ ...founding.founder, agreedAt: null });
    return index;
  }

  /** Stops observing the document. */
  dispose(): void {
    for (const root of Object.values(INDEX_ROOT)) {
      this.ydoc.getMap(root).unobserveDeep(this.onChange);
    }
    this.listeners.clear();
  }

  /** Calls `listener` after every change to the index; returns its cleanup. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The current validated view; the same object until the document changes. */
  read(): IndexSnapshot {
    this.snapshot ??= this.buildSnapshot();
    return this.snapshot;
  }

  /** Adds or replaces a member's record (fields merge with a concurrent edit). */
  upsertMember(member: MemberRecord): void {
    this.ydoc.transact(() => {
      const yMember = ensureRecord(this.ydoc.getMap(INDEX_ROOT.members), member.id);
      yMember.set('name', member.name);
      yMember.set('colour', member.colour);
      yMember.set('joinedAt', member.joinedAt);
      yMember.set('agreedAt', member.agreedAt);
    }, LOCAL_ORIGIN);
  }

  /** Adds a meeting and returns its id. */
  addMeeting(meeting: NewMeeting, now: number = Date.now()): MeetingId {
    const id = newId<MeetingId>();
    this.ydoc.transact(() => {
      const yMeeting = ensureRecord(this.ydoc.getMap(INDEX_ROOT.meetings), id);
      yMeeting.set('title', meeting.title);
      yMeeting.set('date', meeting.date);
      yMeeting.set(
        'prompts',
        meeting.prompts.map((p) => ({ kind: p.kind, text: p.text })),
      );
      yMeeting.set('createdAt', now);
      yMeeting.set('createdBy', meeting.createdBy);
    }, LOCAL_ORIGIN);
    return id;
  }

  /** Changes a meeting's title, date or prompts. */
  updateMeeting(id: MeetingId, patch: Partial<Omit<NewMeeting, 'createdBy'>>): void {
    const yMeeting = this.ydoc.getMap(INDEX_ROOT.meetings).get(id);
    if (!(yMeeting instanceof Y.Map)) return;
    this.ydoc.transact(() => {
      if (patch.title !== undefined) yMeeting.set('title', patch.title);
      if (patch.date !== undefined) yMeeting.set('date', patch.date);
      if (patch.prompts !== undefined) {
        yMeeting.set(
          'prompts',
          patch.prompts.map((p) => ({ kind: p.kind, text: p.text })),
        );
      }
    }, LOCAL_ORIGIN);
  }

  /** Adds an entry's record (its body document is created by the caller) and returns its id. */
  addEntry(entry: NewEntry, now: number = Date.now(), id: EntryId = newId<EntryId>()): EntryId {
    this.ydoc.transact(() => {
      const yEntry = ensureRecord(this.ydoc.getMap(INDEX_ROOT.entries), id);
      yEntry.set('meetingId', entry.meetingId);
      yEntry.set('authorId', entry.authorId);
      yEntry.set('createdAt', now);
      yEntry.set('visibility', entry.visibility);
      yEntry.set('exportable', true);
      yEntry.set('contentNote', null);
      yEntry.set('withdrawn', false);
    }, LOCAL_ORIGIN);
    return id;
  }

  private buildSnapshot(): IndexSnapshot {
    const metaRaw = this.ydoc.getMap(INDEX_ROOT.meta).toJSON();
    let meta: CircleMeta | null = null;
    if (Object.keys(metaRaw).length > 0) {
      const checked = checkMeta(metaRaw);
      if (checked.ok) meta = checked.value;
      else this.report('meta', checked.reason);
    }
    const members = new Map<MemberId, MemberRecord>();
    for (const record of this.records(INDEX_ROOT.members, checkMember)) {
      members.set(record.id, record);
    }
    const meetings = this.records(INDEX_ROOT.meetings, checkMeeting);
    meetings.sort(
      (a, b) =>
        b.date.localeCompare(a.date) || b.createdAt - a.createdAt || b.id.localeCompare(a.id),
    );
    const entries = new Map<EntryId, EntryRecord>();
    const entriesByMeeting = new Map<MeetingId, EntryRecord[]>();
    const entryRecords = this.records(INDEX_ROOT.entries, checkEntry);
    entryRecords.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
    for (const entry of entryRecords) {
      entries.set(entry.id, entry);
      const list = entriesByMeeting.get(entry.meetingId);
      if (list === undefined) entriesByMeeting.set(entry.meetingId, [entry]);
      else list.push(entry);
    }
    return { meta, members, meetings, entries, entriesByMeeting };
  }

  private records<T>(
    root: string,
    check: (id: string, raw: unknown) => { ok: true; value: T } | { ok: false; reason: string },
  ): T[] {
    const out: T[] = [];
    this.ydoc.getMap<unknown>(root).forEach((value, key) => {
      if (!(value instanceof Y.Map)) {
        this.report(`${root}/${key}`, `${root} ${key} is not a record`);
        return;
      }
      const checked = check(key, value.toJSON());
      if (checked.ok) out.push(checked.value);
      else this.report(`${root}/${key}`, checked.reason);
    });
    return out;
  }

  private report(key: string, reason: string): void {
    // A bad record is re-read on every change; say so once, not on every keystroke.
    const tag = `${key}:${reason}`;
    if (this.reported.has(tag)) return;
    this.reported.add(tag);
    log.warn('ignored a record that does not fit the notebook schema', { reason });
  }
}

function ensureRecord(parent: Y.Map<unknown>, id: string): Y.Map<unknown> {
  const existing = parent.get(id);
  if (existing instanceof Y.Map) return existing as Y.Map<unknown>;
  const created = new Y.Map<unknown>();
  parent.set(id, created);
  return created;
}
