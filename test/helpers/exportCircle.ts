/**
 * A small circle in memory for export tests, written with the real index and headless
 * entry code: named and anonymous entries, and one of each kind that must never be
 * exported (kept out, withdrawn, a private draft), each carrying its own unique phrase.
 */
import { $createParagraphNode, $createTextNode, $getRoot } from 'lexical';
import * as Y from 'yjs';
import type { CircleSource } from '../../shared/export/readCircle';
import type { ReactionsInput } from '../../shared/export/exportModel';
import { markdownEntryUpdate } from '../../shared/export/markdownImport';
import { CircleIndex } from '../../shared/notebook/circleIndex';
import { bindHeadlessEntry } from '../../shared/notebook/headlessEntry';
import {
  newId,
  type CircleId,
  type EntryId,
  type MeetingId,
  type MemberId,
} from '../../shared/notebook/ids';
import { INDEX_ROOT } from '../../shared/notebook/schema';

/** Phrases that must never appear in any export. */
export const FORBIDDEN = {
  keptOut: 'the blue kettle nobody else should read',
  withdrawn: 'a sentence I took back on Friday',
  draft: 'my private draft about the hospital',
} as const;

/** Phrases that may appear (depending on options). */
export const ALLOWED = {
  ana: 'Ana remembers the lantern by the door',
  ben: 'Ben speaks of the long walk home',
  anonymous: 'someone admits the winter was hard',
  anonymousStray: 'another quiet voice without a name',
  later: 'the spring meeting felt lighter',
} as const;

/** The test circle and what a test needs to know about it. */
export interface ExportTestCircle {
  source: CircleSource;
  ana: MemberId;
  ben: MemberId;
  /** A member who wrote only anonymously: her name and id must appear nowhere. */
  wren: MemberId;
  wrenName: string;
  firstMeeting: MeetingId;
  entryStates: Map<EntryId, Uint8Array>;
}

function entryState(text: string): Uint8Array {
  const ydoc = new Y.Doc();
  const headless = bindHeadlessEntry(ydoc);
  headless.editor.update(
    () => {
      $getRoot().append($createParagraphNode().append($createTextNode(text)));
    },
    { discrete: true },
  );
  headless.dispose();
  return Y.encodeStateAsUpdate(ydoc);
}

// The consent flags are set by the circle features (issue 4); tests write them directly.
function setEntryFlags(ydoc: Y.Doc, entryId: EntryId, flags: Record<string, unknown>): void {
  const yEntry = ydoc.getMap(INDEX_ROOT.entries).get(entryId);
  if (!(yEntry instanceof Y.Map)) throw new Error('no such entry');
  ydoc.transact(() => {
    for (const [key, value] of Object.entries(flags)) yEntry.set(key, value);
  });
}

/** Builds the circle. */
export function makeExportTestCircle(): ExportTestCircle {
  const ydoc = new Y.Doc();
  const ana = newId<MemberId>();
  const ben = newId<MemberId>();
  const wren = newId<MemberId>();
  const wrenName = 'Wrenfield Quill';
  const index = CircleIndex.found(ydoc, {
    circleId: newId<CircleId>(),
    name: 'Thursday <Circle> & friends',
    founder: { id: ana, name: 'Ana', colour: 'lake', joinedAt: 1 },
    createdAt: 1,
  });
  index.upsertMember({
    id: ben,
    name: 'Ben',
    colour: 'sage',
    joinedAt: 2,
    agreedAt: null,
    agreedVersion: null,
  });
  index.upsertMember({
    id: wren,
    name: wrenName,
    colour: 'plum',
    joinedAt: 3,
    agreedAt: null,
    agreedVersion: null,
  });
  const firstMeeting = index.addMeeting(
    {
      title: 'First Thursday',
      date: '2026-01-08',
      prompts: [
        { kind: 'check-in', text: 'How are you arriving?' },
        { kind: 'theme', text: 'What helped this week?' },
      ],
      createdBy: ana,
    },
    10,
  );
  const spring = index.addMeeting(
    { title: 'Spring', date: '2026-03-19', prompts: [], createdBy: ana },
    20,
  );
  const states = new Map<EntryId, Uint8Array>();
  const add = (
    meetingId: MeetingId,
    authorId: MemberId | null,
    text: string,
    at: number,
  ): EntryId => {
    const id = index.addEntry(
      { meetingId, authorId, visibility: authorId === null ? 'anonymous' : 'circle' },
      at,
    );
    states.set(id, text.startsWith('#') ? markdownEntryUpdate(text) : entryState(text));
    return id;
  };
  const anaEntry = add(firstMeeting, ana, ALLOWED.ana, 100);
  add(
    firstMeeting,
    ben,
    `# Ben's week\n\n${ALLOWED.ben} with **bold** and a [link](https://example.org/?a=1&b=<2>)`,
    200,
  );
  add(firstMeeting, null, ALLOWED.anonymous, 300);
  // A peer that wrote an author onto an anonymous entry anyway: still no name may show.
  const stray = add(firstMeeting, null, ALLOWED.anonymousStray, 350);
  setEntryFlags(ydoc, stray, { authorId: wren });
  const keptOut = add(firstMeeting, ana, FORBIDDEN.keptOut, 400);
  setEntryFlags(ydoc, keptOut, { exportable: false });
  const withdrawn = add(firstMeeting, ben, FORBIDDEN.withdrawn, 500);
  setEntryFlags(ydoc, withdrawn, { withdrawn: true });
  add(spring, ana, ALLOWED.later, 600);
  // A private draft: its document is on this laptop, but it was never published.
  states.set(newId<EntryId>(), entryState(FORBIDDEN.draft));

  const reactions: ReactionsInput = {
    kinds: [
      { id: 'been-there', label: 'I’ve been there too' },
      { id: 'thanks', label: 'Thank you for sharing' },
    ],
    byEntry: new Map([[anaEntry, new Map([['thanks', [ben]]])]]),
    namesShown: true,
  };
  const source: CircleSource = {
    indexState: Y.encodeStateAsUpdate(ydoc),
    entryState: (id) => Promise.resolve(states.get(id) ?? null),
    memberId: ana,
    reactions,
  };
  index.dispose();
  return { source, ana, ben, wren, wrenName, firstMeeting, entryStates: states };
}
