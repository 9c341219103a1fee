/**
 * Typed access to a circle's index document (schema in ./schema.ts, whose `INDEX_ROOT`
 * names its roots once; the record modules this one calls, such as ./indexSnapshot.ts
 * and ./reactions.ts, use those names too). Reads go through a validated snapshot, built
 * on the first read after the document changes and kept until the next change; writes
 * are transactions with an explicit origin.
 */
import * as Y from 'yjs';
import { newId, type CircleId, type EntryId, type MeetingId, type MemberId } from './ids';
import { LOCAL_ORIGIN } from './origins';
import { writeAnonymously } from './anonymousWrite';
import { registerClient, registerClientOnWrite } from './authorship';
import { BODY_RULE_KEY, type EVERYONE, NAMELESS, type CowriteRecord } from './bodyWriting';
import { appendGovernance, type GovernanceRecord } from './governance';
import { CheckedRecords } from './checkedRecords';
import { buildSnapshot, type IndexSnapshot } from './indexSnapshot';
import { addComment, removeComment } from './comments';
import { reactionKey, setReaction } from './reactions';
import { appendRound, type RoundRecord } from './rounds';
import {
  INDEX_LOG,
  INDEX_ROOT,
  NOTEBOOK_SCHEMA_VERSION,
  type EntryRecord,
  type EntryVisibility,
  type MeetingPrompt,
  type MemberColour,
  type MemberRecord,
} from './schema';

export type { IndexSnapshot } from './indexSnapshot';

/** What a new meeting needs. */
export interface NewMeeting {
  title: string;
  date: string;
  prompts: MeetingPrompt[];
  createdBy: MemberId | null;
  /** Words read aloud at the start (from a meeting template). */
  opening?: string | null;
  /** A suggested length of each turn in a round, in minutes. */
  minutesPerTurn?: number | null;
}

/** What a new entry needs. */
export interface NewEntry {
  meetingId: MeetingId;
  authorId: MemberId | null;
  visibility: EntryVisibility;
  /**
   * The client id the body's first words are written with: given, the entry follows the
   * writing rule (./WRITING.md) and that client is its author's. Omitted: an entry open
   * to every member, as before the rule (old notebooks and some tests).
   */
  bodyClient?: number;
}

/** What the founding of a circle writes into its index document. */
export interface CircleFounding {
  circleId: CircleId;
  name: string;
  founder: Omit<MemberRecord, 'agreedAt' | 'agreedVersion'>;
  createdAt: number;
  /** The agreements the circle starts with (from the template in resources/). */
  agreements?: string;
}

/** Typed reader and writer for one circle's index document. */
export class CircleIndex {
  private snapshot: IndexSnapshot | null = null;
  private lastSnapshot: IndexSnapshot | null = null;
  private readonly listeners = new Set<() => void>();
  private readonly reported = new Set<string>();
  private readonly checkedRecords = new CheckedRecords();
  private stopRegistering = (): void => undefined;
  private readonly onChange = (): void => {
    this.snapshot = null;
    for (const listener of [...this.listeners]) listener();
  };

  constructor(readonly ydoc: Y.Doc) {
    // Any change anywhere in the index may change the view (authorship spans roots).
    ydoc.on('afterTransaction', this.onTransaction);
  }

  private readonly onTransaction = (transaction: Y.Transaction): void => {
    this.checkedRecords.forgetChangedBy(transaction);
    if (transaction.changed.size > 0 || transaction.deleteSet.clients.size > 0) this.onChange();
  };

  /** Writes the first state of a new circle: its meta and its founding member. */
  static found(ydoc: Y.Doc, founding: CircleFounding): CircleIndex {
    const index = new CircleIndex(ydoc);
    ydoc.transact(() => {
      const yMeta = ydoc.getMap<unknown>(INDEX_ROOT.meta);
      yMeta.set('schemaVersion', NOTEBOOK_SCHEMA_VERSION);
      yMeta.set('circleId', founding.circleId);
      yMeta.set('name', founding.name);
      yMeta.set('createdAt', founding.createdAt);
      yMeta.set('founderId', founding.founder.id);
    }, LOCAL_ORIGIN);
    registerClient(ydoc, founding.founder.id, LOCAL_ORIGIN);
    index.upsertMember({ ...founding.founder, agreedAt: null, agreedVersion: null });
    if (founding.agreements !== undefined) {
      appendGovernance(
        ydoc,
        { kind: 'agreements', text: founding.agreements, at: founding.createdAt },
        LOCAL_ORIGIN,
      );
    }
    return index;
  }

  /** Stops observing the document. */
  dispose(): void {
    this.ydoc.off('afterTransaction', this.onTransaction);
    this.stopRegistering();
    this.listeners.clear();
  }

  /** Calls `listener` after every change to the index; returns its cleanup. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The current validated view; the same object until the document changes. */
  read(): IndexSnapshot {
    this.snapshot ??= buildSnapshot(
      this.ydoc,
      this.reported,
      this.lastSnapshot,
      this.checkedRecords,
    );
    this.lastSnapshot = this.snapshot;
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
      yMember.set('agreedVersion', member.agreedVersion);
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
      // Optional fields are written only when given, so older records keep their shape.
      if (meeting.opening != null) yMeeting.set('opening', meeting.opening);
      if (meeting.minutesPerTurn != null) yMeeting.set('minutesPerTurn', meeting.minutesPerTurn);
    }, LOCAL_ORIGIN);
    return id;
  }

  /** Changes a meeting's title, date or prompts. */
  updateMeeting(
    id: MeetingId,
    patch: Partial<Pick<NewMeeting, 'title' | 'date' | 'prompts'>>,
  ): void {
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
    this.ydoc.transact(() => writeEntryRecord(this.ydoc, id, entry, now), LOCAL_ORIGIN);
    return id;
  }

  /**
   * Adds an anonymous entry's record under a fresh client id that names nobody; returns
   * that client id, which the author keeps privately to change or withdraw it later.
   */
  addAnonymousEntry(
    meetingId: MeetingId,
    id: EntryId,
    now: number = Date.now(),
    bodyClient?: number,
  ): number {
    const entry: NewEntry = { meetingId, authorId: null, visibility: 'anonymous', bodyClient };
    return writeAnonymously(
      this.ydoc,
      (scratch) => writeEntryRecord(scratch, id, entry, now),
      LOCAL_ORIGIN,
    );
  }

  /**
   * Changes an entry's author-only fields. For an anonymous entry pass the client id its
   * record was created with, so the change is made by the same nameless writer.
   */
  setEntryFlags(
    id: EntryId,
    flags: Partial<Pick<EntryRecord, 'withdrawn' | 'exportable' | 'contentNote'>>,
    anonymousClient?: number,
  ): void {
    const write = (ydoc: Y.Doc): void => {
      const yEntry = ydoc.getMap(INDEX_ROOT.entries).get(id);
      if (!(yEntry instanceof Y.Map)) return;
      for (const [field, value] of Object.entries(flags)) yEntry.set(field, value);
    };
    if (anonymousClient === undefined) this.ydoc.transact(() => write(this.ydoc), LOCAL_ORIGIN);
    else writeAnonymously(this.ydoc, write, LOCAL_ORIGIN, anonymousClient);
  }

  /**
   * Opens the meeting's shared page (the entry whose id is the meeting's: every member
   * writes in it) unless it is there already; returns its id.
   */
  addSharedPage(
    meetingId: MeetingId,
    authorId: MemberId,
    bodyClient: number,
    now = Date.now(),
  ): EntryId {
    const id = meetingId as string as EntryId;
    if (this.ydoc.getMap(INDEX_ROOT.entries).has(id)) return id;
    return this.addEntry({ meetingId, authorId, visibility: 'circle', bodyClient }, now, id);
  }

  /**
   * Says `client` writes entry `id`'s body for `memberId` — or, with `anonymousClient`,
   * for the anonymous entry's nameless author, written by that nameless client.
   */
  registerBodyWriter(
    id: EntryId,
    client: number,
    memberId: MemberId,
    anonymousClient?: number,
  ): void {
    const key = `${id}:${client}`;
    const yWriters = this.ydoc.getMap<unknown>(INDEX_ROOT.bodyWriters);
    if (anonymousClient === undefined) {
      if (yWriters.get(key) === memberId) return;
      this.ydoc.transact(() => yWriters.set(key, memberId), LOCAL_ORIGIN);
    } else {
      if (yWriters.has(key)) return;
      writeAnonymously(
        this.ydoc,
        (scratch) => scratch.getMap<unknown>(INDEX_ROOT.bodyWriters).set(key, NAMELESS),
        LOCAL_ORIGIN,
        anonymousClient,
      );
    }
  }

  /**
   * Invites a member (or the whole circle) to write in entry `id`, or takes it back;
   * taking back keeps the words up to `kept` (the body's state here: bodyWriting.ts).
   */
  setCoWriter(
    id: EntryId,
    memberId: MemberId | typeof EVERYONE,
    on: boolean,
    kept: [number, number][] = [],
    now: number = Date.now(),
  ): void {
    const record: CowriteRecord = { kind: 'cowrite', entryId: id, memberId, on, kept, at: now };
    this.ydoc.transact(
      () => this.ydoc.getArray<CowriteRecord>(INDEX_LOG.cowriting).push([record]),
      LOCAL_ORIGIN,
    );
  }

  /** A co-writer keeps entry `id` out of exports (`on`), or lets it be exported again. */
  keepOutOfExports(id: EntryId, memberId: MemberId, on: boolean): void {
    const yKeepOut = this.ydoc.getMap<unknown>(INDEX_ROOT.keepOut);
    const key = `${id}:${memberId}`;
    this.ydoc.transact(() => {
      if (on) yKeepOut.set(key, true);
      else yKeepOut.delete(key);
    }, LOCAL_ORIGIN);
  }

  /** Says this session's client writes for `memberId` (see authorship.ts). */
  registerClient(memberId: MemberId): void {
    registerClient(this.ydoc, memberId, LOCAL_ORIGIN);
  }

  /**
   * Says this session's client writes for `memberId` with its first write, not before
   * (authorship.ts `registerClientOnWrite`); until `dispose`.
   */
  registerClientOnWrite(memberId: MemberId): void {
    this.stopRegistering();
    this.stopRegistering = registerClientOnWrite(this.ydoc, memberId);
  }

  /** Changes a member's colour (and nothing else of their record). */
  setMemberColour(memberId: MemberId, colour: MemberColour): void {
    const yMember = this.ydoc.getMap(INDEX_ROOT.members).get(memberId);
    if (!(yMember instanceof Y.Map)) return;
    this.ydoc.transact(() => yMember.set('colour', colour), LOCAL_ORIGIN);
  }

  /** Records that a member affirmed a version of the agreements. */
  affirmAgreements(memberId: MemberId, version: number, now: number = Date.now()): void {
    const yMember = this.ydoc.getMap(INDEX_ROOT.members).get(memberId);
    if (!(yMember instanceof Y.Map)) return;
    this.ydoc.transact(() => {
      yMember.set('agreedAt', now);
      yMember.set('agreedVersion', version);
    }, LOCAL_ORIGIN);
  }

  /** Appends to the governance log (roles, agreements, circle settings). */
  govern(record: GovernanceRecord): void {
    appendGovernance(this.ydoc, record, LOCAL_ORIGIN);
  }

  /** Appends to the rounds log. */
  recordRound(record: RoundRecord): void {
    appendRound(this.ydoc, record, LOCAL_ORIGIN);
  }

  /** Adds this laptop's member's comment under an entry; returns the comment's id. */
  comment(entryId: EntryId, words: string, now: number = Date.now()): string {
    return addComment(this.ydoc, entryId, words, now, LOCAL_ORIGIN);
  }

  /** Removes a comment (offered to its writer only). */
  removeComment(entryId: EntryId, commentId: string): void {
    removeComment(this.ydoc, entryId, commentId, LOCAL_ORIGIN);
  }

  /** Gives (`on`) or takes back a member's reaction to an entry. */
  react(entryId: EntryId, reaction: string, memberId: MemberId, on: boolean): void {
    setReaction(this.ydoc, reactionKey(entryId, reaction, memberId), on, LOCAL_ORIGIN);
  }
}

function writeEntryRecord(ydoc: Y.Doc, id: EntryId, entry: NewEntry, now: number): void {
  const yEntry = ensureRecord(ydoc.getMap(INDEX_ROOT.entries), id);
  yEntry.set('meetingId', entry.meetingId);
  yEntry.set('authorId', entry.authorId);
  yEntry.set('createdAt', now);
  yEntry.set('visibility', entry.visibility);
  yEntry.set('exportable', true);
  yEntry.set('contentNote', null);
  yEntry.set('withdrawn', false);
  if (entry.bodyClient !== undefined) {
    yEntry.set(BODY_RULE_KEY, 1);
    const writer = entry.authorId ?? NAMELESS;
    ydoc.getMap(INDEX_ROOT.bodyWriters).set(`${id}:${entry.bodyClient}`, writer);
  }
}

function ensureRecord(parent: Y.Map<unknown>, id: string): Y.Map<unknown> {
  const existing = parent.get(id);
  if (existing instanceof Y.Map) return existing as Y.Map<unknown>;
  const created = new Y.Map<unknown>();
  parent.set(id, created);
  return created;
}
