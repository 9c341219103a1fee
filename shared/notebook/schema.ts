/**
 * The circle notebook's schema, version 1.
 *
 * A circle is one **index** document plus one **entry** document per entry body.
 *
 * Index document map roots (records are nested Y.Maps keyed by id so that two laptops
 * editing different fields of one record both keep their change):
 * - `meta`      schemaVersion, circleId, name, createdAt, founderId
 * - `members`   MemberId  -> { name, colour, joinedAt, agreedAt, agreedVersion }
 * - `meetings`  MeetingId -> { title, date (YYYY-MM-DD), prompts [{ kind, text }], createdAt, createdBy }
 *                optional, absent on older records: opening (words read at the start),
 *                minutesPerTurn (suggested length of a turn in a round)
 * - `entries`   EntryId   -> { meetingId, authorId, createdAt, visibility, exportable, contentNote, withdrawn }
 * - `clients`   Yjs client id (decimal) -> MemberId: which member writes under which
 *               client id, each entry written by that client itself (see authorship.ts)
 * - `reactions` `<entryId>:<reaction>:<memberId>` -> reactedAt
 * - `bodyWriters` `<entryId>:<client>` -> MemberId, or 'nameless' for an anonymous
 *               entry's author: which member writes an entry body under which client id
 *               (./bodyWriting.ts, ./WRITING.md)
 * - `keepOut`   `<entryId>:<memberId>` -> true: a co-writer keeps an entry they wrote in
 *               out of exports; counted only if written by that member's own client
 * - `comments`  `<entryId>:<commentId>` -> { text, at }: a member's comment under an
 *               entry, counted only while its writer's own (./comments.ts)
 *
 * An entry record may also hold `bodyRule` (1): its body follows the writing rule of
 * ./WRITING.md (only its author, and members the author invited, write its words; in a
 * meeting's shared page — the entry whose id is its meeting's id — every member). A
 * record without it was made before the rule and stays open to every member.
 *
 * Index document array roots — append-only logs whose records are trusted according
 * to who wrote them (the Yjs client of each item, mapped through `clients`):
 * - `governance` roles, agreements and circle settings, replayed in order: only a
 *                facilitator of the moment may change them (governance.ts)
 * - `rounds`     the talking piece: rounds started, turns moved, passes (rounds.ts)
 * - `cowriting`  invitations to write in an entry, and their taking back: only the
 *                entry's author's records count (./bodyWriting.ts)
 *
 * Entry document: the Lexical content as the XmlText root named `root`
 * (Lexical's collaboration binding reads and writes it); its layout, and what a body may
 * not hold, is ./ENTRY_BODY.md.
 *
 * Every record read from a document is validated: a peer can write anything, so a
 * record of the wrong shape is skipped with a logged reason, never trusted.
 */
import type { CircleId, EntryId, MeetingId, MemberId } from './ids';

/** Bumped when the meaning of stored fields changes; readers refuse newer majors. */
export const NOTEBOOK_SCHEMA_VERSION = 1;

/** Root names of the index document, declared once. */
export const INDEX_ROOT = {
  meta: 'meta',
  members: 'members',
  meetings: 'meetings',
  entries: 'entries',
  clients: 'clients',
  reactions: 'reactions',
  bodyWriters: 'bodyWriters',
  keepOut: 'keepOut',
  comments: 'comments',
} as const;

/** Append-only log roots (Y.Array) of the index document, declared once. */
export const INDEX_LOG = {
  governance: 'governance',
  rounds: 'rounds',
  cowriting: 'cowriting',
} as const;

/** Root name of an entry document's body (Lexical's default collaboration root). */
export const ENTRY_BODY_ROOT = 'root';

/** The palette members choose from; each maps to a gentle colour in both themes. */
export const MEMBER_COLOURS = [
  'ember',
  'sage',
  'lake',
  'plum',
  'sand',
  'rose',
  'moss',
  'dusk',
] as const;

/** One of {@link MEMBER_COLOURS}. */
export type MemberColour = (typeof MEMBER_COLOURS)[number];

/** Where a meeting prompt belongs in the meeting. */
export const PROMPT_KINDS = ['check-in', 'theme', 'check-out'] as const;
/** One of {@link PROMPT_KINDS}. */
export type PromptKind = (typeof PROMPT_KINDS)[number];

/** How an entry is shown to the circle. */
export const ENTRY_VISIBILITIES = ['circle', 'anonymous'] as const;
/** One of {@link ENTRY_VISIBILITIES}. */
export type EntryVisibility = (typeof ENTRY_VISIBILITIES)[number];

/** Length limits, applied when writing and when reading. */
export const LIMITS = {
  circleName: 80,
  memberName: 60,
  meetingTitle: 120,
  promptText: 400,
  promptsPerMeeting: 24,
  contentNote: 140,
  meetingOpening: 1200,
  minutesPerTurn: 30,
} as const;

/** The circle's own description. */
export interface CircleMeta {
  schemaVersion: number;
  circleId: CircleId;
  name: string;
  createdAt: number;
  /** The member who made the circle: its first facilitator. */
  founderId: MemberId | null;
}

/** A person in the circle, on one laptop. */
export interface MemberRecord {
  id: MemberId;
  name: string;
  colour: MemberColour;
  joinedAt: number;
  agreedAt: number | null;
  /** The version of the agreements this member last affirmed. */
  agreedVersion: number | null;
}

/** A question or invitation offered to the circle in a meeting. */
export interface MeetingPrompt {
  kind: PromptKind;
  text: string;
}

/** One gathering of the circle. */
export interface MeetingRecord {
  id: MeetingId;
  title: string;
  /** Local calendar date, YYYY-MM-DD: a meeting happens on a day, not at an instant. */
  date: string;
  prompts: MeetingPrompt[];
  createdAt: number;
  createdBy: MemberId | null;
  /** Words read aloud at the start (from a meeting template); null or absent when none. */
  opening?: string | null;
  /** A suggested length of each turn in a round, in minutes; null or absent when none. */
  minutesPerTurn?: number | null;
}

/** One piece of writing in a meeting; its body lives in its own entry document. */
export interface EntryRecord {
  id: EntryId;
  meetingId: MeetingId;
  authorId: MemberId | null;
  createdAt: number;
  visibility: EntryVisibility;
  exportable: boolean;
  contentNote: string | null;
  withdrawn: boolean;
}
