/**
 * The private journal's index document (schema version 1). The journal lives only on
 * this laptop and is never synced; each draft's body is its own document, exactly like
 * an entry body, so the same editor writes both.
 *
 * Root `drafts` (Y.Map): DraftId -> {
 *   createdAt,
 *   circleId, meetingId   where the draft was started (null for a plain journal entry),
 *   contentNote, exportable   what the member chose for when it is shared,
 *   sharedAs              null, or { circleId, entryId, anonymousClient } once shared:
 *                         the body then lives in the circle and is deleted here; the
 *                         record stays so this laptop knows which entries are its own
 *                         (an anonymous entry names nobody in the circle's documents).
 * }
 */
import * as Y from 'yjs';
import { logger } from '../log';
import * as v from '../validate';
import { isId, newId, type CircleId, type EntryId, type MeetingId } from './ids';
import { LOCAL_ORIGIN } from './origins';
import { LIMITS } from './schema';

const log = logger('journal');
const DRAFTS = 'drafts';

/** Where a shared draft went. */
export interface SharedAs {
  circleId: CircleId;
  entryId: EntryId;
  /** The nameless client id an anonymous entry was written with; null for a named one. */
  anonymousClient: number | null;
}

/** A draft or journal entry. Its id is also its body document's id. */
export interface DraftRecord {
  id: EntryId;
  createdAt: number;
  circleId: CircleId | null;
  meetingId: MeetingId | null;
  contentNote: string | null;
  exportable: boolean;
  sharedAs: SharedAs | null;
}

const ID = v.string({ min: 22, max: 22, pattern: /^[A-Za-z0-9_-]{22}$/ });
const draftCheck = v.object(
  {
    createdAt: v.number({ min: 0, max: 8.64e15, integer: true }),
    circleId: v.nullable(v.branded<CircleId>(ID)),
    meetingId: v.nullable(v.branded<MeetingId>(ID)),
    contentNote: v.nullable(v.string({ min: 1, max: LIMITS.contentNote })),
    exportable: v.boolean,
    sharedAs: v.nullable(
      v.object({
        circleId: v.branded<CircleId>(ID),
        entryId: v.branded<EntryId>(ID),
        anonymousClient: v.nullable(v.number({ min: 0, max: 2 ** 32, integer: true })),
      }),
    ),
  },
  { extra: 'ignore' },
);

/** Typed access to the journal's index document. */
export class JournalIndex {
  private drafts: readonly DraftRecord[] | null = null;
  private readonly listeners = new Set<() => void>();
  private readonly onChange = (): void => {
    this.drafts = null;
    for (const listener of [...this.listeners]) listener();
  };

  constructor(readonly ydoc: Y.Doc) {
    ydoc.getMap(DRAFTS).observeDeep(this.onChange);
  }

  /** Every draft and journal entry, newest first. */
  read(): readonly DraftRecord[] {
    this.drafts ??= this.readDrafts();
    return this.drafts;
  }

  /** Calls `listener` after every change; returns its cleanup. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Starts a draft (for a meeting, or a plain journal entry) and returns its id. */
  addDraft(place: { circleId: CircleId; meetingId: MeetingId } | null, now = Date.now()): EntryId {
    const id = newId<EntryId>();
    this.ydoc.transact(() => {
      const yDraft = new Y.Map<unknown>();
      this.ydoc.getMap(DRAFTS).set(id, yDraft);
      yDraft.set('createdAt', now);
      yDraft.set('circleId', place?.circleId ?? null);
      yDraft.set('meetingId', place?.meetingId ?? null);
      yDraft.set('contentNote', null);
      yDraft.set('exportable', true);
      yDraft.set('sharedAs', null);
    }, LOCAL_ORIGIN);
    return id;
  }

  /** Changes what a draft will carry when shared, or records where it was shared. */
  update(
    id: EntryId,
    patch: Partial<Pick<DraftRecord, 'contentNote' | 'exportable' | 'sharedAs'>>,
  ): void {
    const yDraft = this.ydoc.getMap(DRAFTS).get(id);
    if (!(yDraft instanceof Y.Map)) return;
    this.ydoc.transact(() => {
      for (const [field, value] of Object.entries(patch)) yDraft.set(field, value);
    }, LOCAL_ORIGIN);
  }

  /** Forgets a draft entirely (its body document is removed by the caller). */
  discard(id: EntryId): void {
    this.ydoc.transact(() => this.ydoc.getMap(DRAFTS).delete(id), LOCAL_ORIGIN);
  }

  /** Stops observing. */
  dispose(): void {
    this.ydoc.getMap(DRAFTS).unobserveDeep(this.onChange);
    this.listeners.clear();
  }

  private readDrafts(): DraftRecord[] {
    const out: DraftRecord[] = [];
    this.ydoc.getMap<unknown>(DRAFTS).forEach((value, key) => {
      if (!isId(key) || !(value instanceof Y.Map)) return;
      const checked = draftCheck((value as Y.Map<unknown>).toJSON(), `draft ${key}`);
      if (checked.ok) out.push({ id: key as EntryId, ...checked.value });
      else log.warn('ignored a journal record that does not fit', { reason: checked.reason });
    });
    return out.sort((a, b) => b.createdAt - a.createdAt || a.id.localeCompare(b.id));
  }
}
