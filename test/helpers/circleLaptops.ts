/**
 * Laptops of one circle for sync tests: each has in-memory documents
 * (./memorySyncedDocs.ts) and a CircleMesh, and joins others over a
 * ./loopbackTransport.ts. Also writes notebooks the way the app does: an index document
 * through CircleIndex, and entry bodies as Lexical's collaboration binding lays them
 * out (an XmlText root holding one XmlText per paragraph, tagged `__type`).
 */
import * as Y from 'yjs';
import { CircleIndex } from '../../shared/notebook/circleIndex';
import {
  INDEX_DOC_ID,
  entryDocId,
  type CircleId,
  type DocId,
  type EntryId,
  type MemberId,
} from '../../shared/notebook/ids';
import { LOCAL_ORIGIN } from '../../shared/notebook/origins';
import { ENTRY_BODY_ROOT } from '../../shared/notebook/schema';
import { CircleMesh } from '../../shared/sync/circleMesh';
import { seededId } from './circleReplicas';
import { MemorySyncedDocs } from './memorySyncedDocs';
import type { SeededRandom } from './seededRandom';

/** One laptop in a sync test. */
export interface Laptop {
  peerId: string;
  memberId: MemberId;
  docs: MemorySyncedDocs;
  mesh: CircleMesh;
}

/**
 * A laptop with empty documents and a mesh (anti-entropy timer off unless asked). Peers
 * write only documents its index names, unless `everyDocNamed` (for transport tests that
 * keep no index).
 */
export function makeLaptop(
  random: SeededRandom,
  options: { antiEntropyMs?: number; everyDocNamed?: boolean } = {},
): Laptop {
  const docs = new MemorySyncedDocs(undefined, options.everyDocNamed ?? false);
  const memberId = seededId<MemberId>(random);
  const mesh = new CircleMesh({ docs, memberId, antiEntropyMs: options.antiEntropyMs ?? 0 });
  return { peerId: seededId<string>(random), memberId, docs, mesh };
}

/** The live document `docId` of a laptop, made if needed. */
export function docOf(laptop: Laptop, docId: DocId): Y.Doc {
  const ydoc = laptop.docs.docNow(docId);
  if (ydoc === null) throw new Error(`laptop refused ${docId}`);
  return ydoc;
}

/** Founds a circle's index on `laptop` and returns the index. */
export function foundCircle(laptop: Laptop, random: SeededRandom): CircleIndex {
  return CircleIndex.found(docOf(laptop, INDEX_DOC_ID), {
    circleId: seededId<CircleId>(random),
    name: 'Thursday circle',
    founder: { id: laptop.memberId, name: 'Ana', colour: 'sage', joinedAt: 1 },
    createdAt: 1,
  });
}

/** Adds an entry record and its body (paragraphs of text) on `laptop`; returns its id. */
export function writeEntry(
  laptop: Laptop,
  random: SeededRandom,
  paragraphs: readonly string[],
): EntryId {
  const index = new CircleIndex(docOf(laptop, INDEX_DOC_ID));
  const meetingId =
    index.read().meetings[0]?.id ??
    index.addMeeting(
      { title: 'Check-in', date: '2025-01-09', prompts: [], createdBy: laptop.memberId },
      1,
    );
  const entryId = index.addEntry(
    { meetingId, authorId: laptop.memberId, visibility: 'circle' },
    2,
    seededId<EntryId>(random),
  );
  index.dispose();
  const ydoc = docOf(laptop, entryDocId(entryId));
  ydoc.transact(() => {
    for (const text of paragraphs) appendParagraph(ydoc, text);
  }, LOCAL_ORIGIN);
  return entryId;
}

/** Appends one paragraph to an entry body, as Lexical's binding would write it. */
export function appendParagraph(ydoc: Y.Doc, text: string): Y.XmlText {
  const root = ydoc.get(ENTRY_BODY_ROOT, Y.XmlText);
  const paragraph = new Y.XmlText();
  ydoc.transact(() => {
    root.insertEmbed(root.length, paragraph);
    paragraph.setAttribute('__type', 'paragraph');
    paragraph.insert(0, text);
  }, LOCAL_ORIGIN);
  return paragraph;
}

/** Types `text` into the first paragraph of an entry body, one character per transaction. */
export function typeInto(ydoc: Y.Doc, text: string, at = 0): void {
  const root = ydoc.get(ENTRY_BODY_ROOT, Y.XmlText);
  const first = (root.toDelta() as { insert?: unknown }[])[0];
  const paragraph = first?.insert instanceof Y.XmlText ? first.insert : appendParagraph(ydoc, '');
  for (let i = 0; i < text.length; i++) {
    ydoc.transact(
      () => paragraph.insert(Math.min(at + i, paragraph.length), text[i]!),
      LOCAL_ORIGIN,
    );
  }
}

/** The plain text of an entry body, paragraphs joined by newlines. */
export function entryText(ydoc: Y.Doc): string {
  const root = ydoc.get(ENTRY_BODY_ROOT, Y.XmlText);
  return (root.toDelta() as { insert?: unknown }[])
    .map((op) => (op.insert instanceof Y.XmlText ? op.insert.toJSON() : ''))
    .join('\n');
}
