/**
 * Who may write an entry's words (./WRITING.md), read from the index document.
 *
 * - An entry record that holds `bodyRule` follows the rule; the member whose client
 *   *first* wrote that key (at the record's creation) is the body's author — for an
 *   anonymous entry, that nameless client itself. Nobody can take a first write back.
 * - `bodyWriters` (a Y.Map) names the clients that write a body: `<entryId>:<client>` →
 *   MemberId, counted only if written by a client registered to that member
 *   (authorship.ts); or → 'nameless', counted only if written by an anonymous entry's
 *   own nameless client. A body's words are traced to a member through this map.
 * - `cowriting` (a Y.Array log) holds invitations and their taking back:
 *   `{ kind: 'cowrite', entryId, memberId | 'everyone', on, kept?: [client, clock][], at }`.
 *   A record counts only if the entry's author wrote it, replayed in log order. `kept`
 *   is the body's state vector on the author's laptop when they took it back: a
 *   co-writer's words below it stay; nothing past it is written any more.
 * - A meeting's shared page is the entry whose id is its meeting's id: every member
 *   writes in it; nobody invites or takes back.
 */
import * as Y from 'yjs';
import * as v from '../validate';
import { authoredValues, firstKeyAuthor, keyAuthor, type ClientRegistry } from './authorship';
import { isId, type EntryId, type MemberId } from './ids';
import { INDEX_LOG, INDEX_ROOT, type EntryRecord } from './schema';

/** An invitation to the whole circle rather than to one member. */
export const EVERYONE = 'everyone';
/** The `bodyWriters` value of an anonymous entry's author (names nobody). */
export const NAMELESS = 'nameless';
/** The entry record key that puts its body under the writing rule. */
export const BODY_RULE_KEY = 'bodyRule';

/** Who may write one entry's body. */
export interface EntryWriting {
  entryId: EntryId;
  /** The meeting's shared page: every member writes in it. */
  page: boolean;
  /** The body's author; null for an anonymous entry. */
  author: MemberId | null;
  /** Clients that write this body → their member (null: the anonymous author). */
  clients: ReadonlyMap<number, MemberId | null>;
  /** The whole circle is invited. */
  everyone: boolean;
  /** Members invited now. */
  coWriters: ReadonlySet<MemberId>;
  /** Per client, the clock below which words stay after an invitation was taken back. */
  kept: ReadonlyMap<number, number>;
  /** Writers (not the author) who keep this entry out of exports. */
  keptOutBy: ReadonlySet<MemberId>;
}

/** A record of the co-writing log. */
export interface CowriteRecord {
  kind: 'cowrite';
  entryId: EntryId;
  memberId: MemberId | typeof EVERYONE;
  on: boolean;
  /** For a taking back, the body's state on the author's laptop (empty for an invitation). */
  kept: [number, number][];
  at: number;
}

const clock = v.number({ min: 0, max: 2 ** 53 - 1, integer: true });
const cowriteRecord = v.object(
  {
    kind: v.oneOf(['cowrite'] as const),
    entryId: v.string({ min: 22, max: 22, pattern: /^[A-Za-z0-9_-]{22}$/ }),
    memberId: v.string({ min: 8, max: 22, pattern: /^([A-Za-z0-9_-]{22}|everyone)$/ }),
    on: v.boolean,
    kept: v.array(v.tuple(clock, clock), { max: 10_000 }),
    at: clock,
  },
  { extra: 'ignore' },
);

/** True when the member behind `client` (at `clock`) may write this body. */
export function mayWrite(writing: EntryWriting, client: number, clock: number): boolean {
  if (!writing.clients.has(client)) return false;
  const member = writing.clients.get(client) ?? null;
  if (member === null || writing.page || member === writing.author) return true;
  if (writing.author === null) return false;
  if (writing.everyone || writing.coWriters.has(member)) return true;
  return clock < (writing.kept.get(client) ?? 0);
}

/** True when `member` may write new words in this body now. */
export function mayWriteNow(writing: EntryWriting | null, member: MemberId): boolean {
  if (writing === null || writing.page || member === writing.author) return true;
  return writing.author !== null && (writing.everyone || writing.coWriters.has(member));
}

/**
 * Every rule-following entry's writing, from the raw index (records that fail validation
 * are still under the rule). `report` logs a reason once.
 */
export function readWriting(
  ydoc: Y.Doc,
  entries: ReadonlyMap<EntryId, EntryRecord>,
  registry: ClientRegistry,
  report: (key: string, reason: string) => void,
): ReadonlyMap<EntryId, EntryWriting> {
  type Building = Omit<EntryWriting, 'clients' | 'coWriters' | 'kept' | 'keptOutBy'> & {
    keptOutBy: Set<MemberId>;
    creator: number;
    anonymous: boolean;
    clients: Map<number, MemberId | null>;
    coWriters: Set<MemberId>;
    kept: Map<number, number>;
  };
  const writing = new Map<EntryId, Building>();
  ydoc.getMap<unknown>(INDEX_ROOT.entries).forEach((value, key) => {
    if (!(value instanceof Y.Map) || !isId(key)) return;
    const yEntry = value as Y.Map<unknown>;
    const creator = firstKeyAuthor(yEntry, BODY_RULE_KEY);
    if (creator === null) return;
    const record = entries.get(key as EntryId);
    const anonymous = record === undefined || record.visibility === 'anonymous';
    writing.set(key as EntryId, {
      entryId: key as EntryId,
      page: yEntry.get('meetingId') === key,
      author: anonymous ? null : registry.memberOf(creator),
      creator,
      anonymous,
      clients: new Map(),
      everyone: false,
      coWriters: new Set(),
      kept: new Map(),
      keptOutBy: new Set(),
    });
  });
  if (writing.size === 0) return writing;

  const yWriters = ydoc.getMap<unknown>(INDEX_ROOT.bodyWriters);
  yWriters.forEach((member, key) => {
    const [entryId, clientText] = key.split(':');
    const entry = writing.get(entryId as EntryId);
    const client = Number(clientText);
    if (entry === undefined || !Number.isSafeInteger(client)) return;
    const writer = keyAuthor(yWriters, key);
    if (writer === null) return;
    if (member === NAMELESS && entry.anonymous && writer === entry.creator) {
      entry.clients.set(client, null);
    } else if (isId(member) && registry.memberOf(writer) === member) {
      entry.clients.set(client, member as MemberId);
    } else {
      report(`bodyWriters/${key}`, 'a body writer was named by someone other than that writer');
    }
  });

  authoredValues(ydoc.getArray(INDEX_LOG.cowriting)).forEach(({ value, client }, index) => {
    const checked = cowriteRecord(value, 'cowrite');
    if (!checked.ok) {
      report(`cowriting/${index}`, 'it is not a co-writing record this version understands');
      return;
    }
    const record = checked.value;
    const entry = writing.get(record.entryId as EntryId);
    if (entry === undefined || entry.page || entry.author === null) {
      report(`cowriting/${index}`, 'an invitation to write in an entry that cannot be co-written');
      return;
    }
    if (registry.memberOf(client) !== entry.author) {
      report(`cowriting/${index}`, 'an invitation to write was not given by the entry’s author');
      return;
    }
    if (record.memberId === EVERYONE) entry.everyone = record.on;
    else if (record.on) entry.coWriters.add(record.memberId as MemberId);
    else entry.coWriters.delete(record.memberId as MemberId);
    if (!record.on) {
      for (const [writer, at] of record.kept) {
        entry.kept.set(writer, Math.max(at, entry.kept.get(writer) ?? 0));
      }
    }
  });

  const yKeepOut = ydoc.getMap<unknown>(INDEX_ROOT.keepOut);
  yKeepOut.forEach((on, key) => {
    const [entryId, member] = key.split(':');
    const entry = writing.get(entryId as EntryId);
    const writer = keyAuthor(yKeepOut, key);
    if (entry === undefined || on !== true || writer === null || !isId(member)) return;
    // Only a writer of the entry, in their own name.
    if (registry.memberOf(writer) !== member) return;
    if (![...entry.clients.values()].includes(member as MemberId)) return;
    entry.keptOutBy.add(member as MemberId);
  });
  return writing;
}

/** The state vector of a body, as `kept` of a take-back record. */
export function keptState(body: Y.Doc): [number, number][] {
  return [...Y.decodeStateVector(Y.encodeStateVector(body))];
}
