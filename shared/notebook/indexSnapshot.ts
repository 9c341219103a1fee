/**
 * Builds the validated view of a circle's index document (see ./schema.ts): records of
 * the wrong shape are skipped, changes made by someone not allowed to make them are
 * set aside (governance, rounds, reactions, an entry's author-only fields), and every
 * reason is logged once.
 */
import * as Y from 'yjs';
import { logger } from '../log';
import { ClientRegistry, keyAuthor } from './authorship';
import { readWriting, type EntryWriting } from './bodyWriting';
import { readGovernance, type Governance } from './governance';
import type { EntryId, MeetingId, MemberId } from './ids';
import { readComments, type EntryComment } from './comments';
import { readReactions, type EntryReactions } from './reactions';
import { checkEntry, checkMeeting, checkMember, checkMeta } from './records';
import { CheckedRecords } from './checkedRecords';
import { readCurrentRound, type CurrentRound } from './rounds';
import {
  INDEX_ROOT,
  type CircleMeta,
  type EntryRecord,
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
  governance: Governance;
  round: CurrentRound | null;
  reactions: ReadonlyMap<EntryId, EntryReactions>;
  /** Each entry's comments, oldest first (./comments.ts). */
  comments: ReadonlyMap<EntryId, readonly EntryComment[]>;
  /** Which member writes under which client id. */
  registry: ClientRegistry;
  /** Who may write each entry body that follows the writing rule (bodyWriting.ts). */
  writing: ReadonlyMap<EntryId, EntryWriting>;
}

// Checked dates are YYYY-MM-DD, whose order is their characters' order. localeCompare
// gives the same order, but its first call loads the collator: about 25 ms of every
// opening of a circle (issue 16's profile), spent before the first meeting shows.
const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

// Fields of an entry only its author may change; anyone else's value is set aside.
const AUTHOR_FIELDS = { withdrawn: false, exportable: true, contentNote: null } as const;

/**
 * Reads the whole index document; `reported` dedupes warnings across reads. A record that
 * was valid in `previous` but fails now keeps its previous form: Yjs applies an update's
 * deletions at once but holds its insertions until what they depend on arrives, so a
 * record can look broken for a moment (a meeting whose prompts were just replaced).
 */
export function buildSnapshot(
  ydoc: Y.Doc,
  reported: Set<string>,
  previous: IndexSnapshot | null = null,
  checkedRecords: CheckedRecords = new CheckedRecords(),
): IndexSnapshot {
  const report = (key: string, reason: string): void => {
    const tag = `${key}:${reason}`;
    if (reported.has(tag)) return;
    reported.add(tag);
    log.warn('ignored a record or change that does not fit the notebook', { reason });
  };
  const registry = ClientRegistry.read(ydoc);
  const metaRaw = ydoc.getMap(INDEX_ROOT.meta).toJSON();
  let meta: CircleMeta | null = null;
  if (Object.keys(metaRaw).length > 0) {
    const checked = checkMeta(metaRaw);
    if (checked.ok) meta = checked.value;
    else report('meta', checked.reason);
  }
  const members = new Map<MemberId, MemberRecord>();
  const previousMeetings = new Map(previous?.meetings.map((m) => [m.id, m]));
  const records = <T>(
    root: string,
    check: (id: string, raw: unknown) => { ok: true; value: T } | { ok: false; reason: string },
    fallback: (id: string) => T | undefined,
  ) => readRecords(ydoc, root, check, report, fallback, checkedRecords);
  for (const { record } of records(INDEX_ROOT.members, checkMember, (id) =>
    previous?.members.get(id as MemberId),
  )) {
    members.set(record.id, record);
  }
  const meetings = records(INDEX_ROOT.meetings, checkMeeting, (id) =>
    previousMeetings.get(id as MeetingId),
  ).map((r) => r.record);
  meetings.sort(
    (a, b) => byCodeUnit(b.date, a.date) || b.createdAt - a.createdAt || b.id.localeCompare(a.id),
  );
  const entryRecords = records(INDEX_ROOT.entries, checkEntry, (id) =>
    previous?.entries.get(id as EntryId),
  ).map(({ record, yRecord }) => authorOnly(record, yRecord, registry, report));
  entryRecords.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
  const entries = new Map<EntryId, EntryRecord>();
  const entriesByMeeting = new Map<MeetingId, EntryRecord[]>();
  for (const entry of entryRecords) {
    entries.set(entry.id, entry);
    const list = entriesByMeeting.get(entry.meetingId);
    if (list === undefined) entriesByMeeting.set(entry.meetingId, [entry]);
    else list.push(entry);
  }
  const governance = readGovernance(ydoc, meta?.founderId ?? null, registry, reported);
  const round = readCurrentRound(ydoc, governance.facilitators, registry, reported);
  const reactions = readReactions(ydoc, registry, new Set(governance.reactions.map((r) => r.id)));
  const writing = readWriting(ydoc, entries, registry, report);
  const comments = readComments(ydoc, registry, report);
  return {
    writing,
    meta,
    members,
    meetings,
    entries,
    entriesByMeeting,
    governance,
    round,
    reactions,
    comments,
    registry,
  };
}

function readRecords<T>(
  ydoc: Y.Doc,
  root: string,
  check: (id: string, raw: unknown) => { ok: true; value: T } | { ok: false; reason: string },
  report: (key: string, reason: string) => void,
  fallback: (id: string) => T | undefined,
  checkedRecords: CheckedRecords,
): { record: T; yRecord: Y.Map<unknown> }[] {
  const out: { record: T; yRecord: Y.Map<unknown> }[] = [];
  ydoc.getMap<unknown>(root).forEach((value, key) => {
    if (!(value instanceof Y.Map)) {
      report(`${root}/${key}`, `${root} ${key} is not a record`);
      return;
    }
    const yRecord = value as Y.Map<unknown>;
    // Kept by this same call for this root (a map lives under one root), so it is a T.
    const known = checkedRecords.get(yRecord) as T | undefined;
    if (known !== undefined) {
      out.push({ record: known, yRecord });
      return;
    }
    const checked = check(key, yRecord.toJSON());
    if (checked.ok) {
      checkedRecords.keep(yRecord, checked.value);
      out.push({ record: checked.value, yRecord });
      return;
    }
    const kept = fallback(key);
    if (kept !== undefined) out.push({ record: kept, yRecord });
    else report(`${root}/${key}`, checked.reason);
  });
  return out;
}

// The author of a named entry writes through any of their registered clients; an
// anonymous entry's author only through the client that created it (anonymousWrite.ts).
function authorOnly(
  entry: EntryRecord,
  yEntry: Y.Map<unknown>,
  registry: ClientRegistry,
  report: (key: string, reason: string) => void,
): EntryRecord {
  const creator = keyAuthor(yEntry, 'meetingId');
  const mayWrite = (client: number): boolean =>
    entry.authorId === null ? client === creator : registry.memberOf(client) === entry.authorId;
  let checked = entry;
  for (const field of Object.keys(AUTHOR_FIELDS) as (keyof typeof AUTHOR_FIELDS)[]) {
    const writer = keyAuthor(yEntry, field);
    if (writer === null || writer === creator || mayWrite(writer)) continue;
    report(
      `entries/${entry.id}/${field}`,
      `${field} of an entry was changed by someone other than its author`,
    );
    checked = { ...checked, [field]: AUTHOR_FIELDS[field] };
  }
  return checked;
}
