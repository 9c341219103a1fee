/**
 * The typed model every export format is written from: a circle as it may be shown
 * outside Hearth, after consent has been applied (./readCircle.ts). Nothing in it is a
 * member id; names appear only where the options and each entry's visibility allow.
 */
import type { EntryId, MemberId } from '../notebook/ids';
import type { MeetingPrompt } from '../notebook/schema';
import type { AuthorChoice } from './exportOptions';
import type { Block } from './entryBlocks';

/**
 * Who wrote an entry, as an export may say it: a member's name, "shared anonymously"
 * (an anonymous entry when names are shown), or "a member" (every entry when anonymised).
 */
export type Byline =
  { kind: 'member'; name: string } | { kind: 'anonymous' } | { kind: 'a-member' };

/** How one reaction kind landed on an entry. */
export interface ExportReaction {
  label: string;
  count: number;
  /** Who reacted, only when the circle shows names and the export shows authors. */
  names: string[] | null;
}

/** One entry as exported. */
export interface ExportEntry {
  byline: Byline;
  createdAt: number;
  markdown: string;
  blocks: Block[];
  reactions: ExportReaction[];
  /** The writer's content note: shown before the words, which a booklet veils. */
  contentNote: string | null;
}

/** One meeting as exported, its entries oldest first. */
export interface ExportMeeting {
  title: string;
  /** YYYY-MM-DD. */
  date: string;
  /** Empty when prompts are left out. */
  prompts: MeetingPrompt[];
  entries: ExportEntry[];
}

/** A circle ready to be written out. */
export interface ExportableCircle {
  name: string;
  /** The first and last meeting dates, or null when no meeting is included. */
  dateRange: { from: string; to: string } | null;
  authors: AuthorChoice;
  /** Oldest first: a record reads forward in time. */
  meetings: ExportMeeting[];
  /** The member's private journal entries, in "my own words" exports only. */
  journal: ExportEntry[];
  /** True for a "my own words" export. */
  onlyMine: boolean;
}

/**
 * Reactions as the circle's index holds them (issue 4 wires the real model in): the
 * circle's kinds in display order, and per entry, per kind, who reacted.
 */
export interface ReactionsInput {
  kinds: readonly { id: string; label: string }[];
  byEntry: ReadonlyMap<EntryId, ReadonlyMap<string, readonly MemberId[]>>;
  /** Whether the circle has chosen to show who reacted. */
  namesShown: boolean;
}

/** A private journal entry offered to a "my own words" export. */
export interface JournalEntryInput {
  createdAt: number;
  /** The entry document's state. */
  state: Uint8Array;
}
