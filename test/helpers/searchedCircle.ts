/**
 * A circle in memory for search's tests: a hand-written index snapshot and real entry
 * documents written through a headless Lexical editor, behind the calls search makes.
 *
 * An entry's document is live (loaded in the page) once it was written after it was made
 * (`write`), or when a test says so (`live`); the others are only in "main's store",
 * which answers `storedTexts` from the same documents. `entryDoc` is there to be caught:
 * search must never load a body (`loads` stays empty).
 */
import { $createParagraphNode, $createTextNode, $getRoot } from 'lexical';
import * as Y from 'yjs';
import { bindHeadlessEntry } from '../../shared/notebook/headlessEntry';
import {
  INDEX_DOC_ID,
  newId,
  type DocId,
  type EntryId,
  type MeetingId,
  type MemberId,
} from '../../shared/notebook/ids';
import type { EntryRecord, MeetingRecord, MemberRecord } from '../../shared/notebook/schema';
import type { StoredEntryText } from '../../shared/ipc/contract';
import { entryTextFromDoc } from '../../shared/notebook/entryText';
import type {
  CircleSearchSession,
  SearchedSnapshot,
} from '../../renderer/src/features/search/circleSearchSource';

/** The circle search reads; `loads` records each entry document asked for. */
export class FakeCircle implements CircleSearchSession {
  readonly members = new Map<MemberId, MemberRecord>();
  readonly meetings: MeetingRecord[] = [];
  readonly entries = new Map<EntryId, EntryRecord>();
  readonly bodies = new Map<EntryId, Y.Doc>();
  readonly loads: EntryId[] = [];
  /** Entries whose document the page holds loaded. */
  readonly live = new Set<EntryId>();
  /** Each request to main's store, with the entries it named. */
  readonly storedAsks: EntryId[][] = [];
  /** Entries whose stored state main cannot read. */
  readonly corrupt = new Set<EntryId>();
  /** Entries main's store puts off once (its reply was full). */
  readonly putOff = new Set<EntryId>();
  /** While set, answers from main's store wait for it (they are read when asked). */
  storeGate: Promise<void> | null = null;
  /** Entry documents that have not reached this laptop yet (a laptop joining). */
  readonly notHeld = new Set<DocId>();
  private readonly listeners = new Set<
    (docId: DocId, update: Uint8Array, origin: unknown) => void
  >();
  private clock = 1000;

  readonly index = {
    read: (): SearchedSnapshot => ({
      members: new Map(this.members),
      meetings: [...this.meetings],
      entries: new Map(this.entries),
    }),
  };

  entryDoc(entryId: EntryId): Promise<Y.Doc> {
    this.loads.push(entryId);
    return Promise.resolve(this.bodies.get(entryId) ?? new Y.Doc());
  }

  loadedDoc(docId: DocId): Y.Doc | undefined {
    const entryId = docId as string as EntryId;
    return this.live.has(entryId) ? this.bodies.get(entryId) : undefined;
  }

  async storedTexts(entryIds: EntryId[]): Promise<StoredEntryText[]> {
    this.storedAsks.push([...entryIds]);
    const answers = entryIds.map((entryId): StoredEntryText => {
      const body = this.bodies.get(entryId);
      if (this.corrupt.has(entryId)) return { entryId, kind: 'unreadable', reason: 'corrupt' };
      if (this.putOff.delete(entryId)) return { entryId, kind: 'later' };
      if (body === undefined || this.notHeld.has(entryId as string as DocId)) {
        return { entryId, kind: 'absent' };
      }
      return { entryId, kind: 'text', text: entryTextFromDoc(body), cut: false };
    });
    await this.storeGate;
    return answers;
  }

  holds(docId: DocId): boolean {
    return !this.notHeld.has(docId);
  }

  onDocUpdate(listener: (docId: DocId, update: Uint8Array, origin: unknown) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  member(name: string): MemberId {
    const id = newId<MemberId>();
    this.members.set(id, { id, name, colour: 'lake', joinedAt: 1, agreedAt: null } as MemberRecord);
    this.indexChanged();
    return id;
  }

  meeting(title: string, date = '2026-03-03', prompts: string[] = []): MeetingId {
    const id = newId<MeetingId>();
    this.meetings.push({
      id,
      title,
      date,
      prompts: prompts.map((text) => ({ kind: 'theme', text })),
      createdAt: this.clock++,
      createdBy: null,
    });
    this.indexChanged();
    return id;
  }

  entry(
    meetingId: MeetingId,
    text: string,
    record: Partial<EntryRecord> & { authorId?: MemberId | null } = {},
  ): EntryId {
    const id = newId<EntryId>();
    const ydoc = new Y.Doc();
    ydoc.on('update', (update: Uint8Array, origin: unknown) => {
      for (const listener of this.listeners) listener(id as string as DocId, update, origin);
    });
    this.bodies.set(id, ydoc);
    this.writeBody(id, text);
    this.entries.set(id, {
      id,
      meetingId,
      authorId: null,
      createdAt: this.clock++,
      visibility: 'circle',
      exportable: true,
      contentNote: null,
      withdrawn: false,
      ...record,
    });
    this.indexChanged();
    return id;
  }

  /** Writes an entry's words in the page: its document is live from then on. */
  write(entryId: EntryId, text: string): void {
    this.live.add(entryId);
    this.writeBody(entryId, text);
  }

  private writeBody(entryId: EntryId, text: string): void {
    const writer = bindHeadlessEntry(this.bodies.get(entryId)!);
    writer.editor.update(
      () => {
        $getRoot().clear();
        for (const line of text.split('\n')) {
          $getRoot().append($createParagraphNode().append($createTextNode(line)));
        }
      },
      { discrete: true },
    );
    writer.dispose();
  }

  flag(entryId: EntryId, patch: Partial<EntryRecord>): void {
    this.entries.set(entryId, { ...this.entries.get(entryId)!, ...patch });
    this.indexChanged();
  }

  private indexChanged(): void {
    for (const listener of this.listeners) listener(INDEX_DOC_ID, new Uint8Array(), null);
  }
}
