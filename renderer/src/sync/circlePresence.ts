/**
 * Who is here and where their cursors are. Two kinds of awareness, both y-protocols
 * Awareness instances and both checked on the way in (shared/sync/awarenessStates.ts):
 *
 * - the circle's: on the index document, one state per laptop — the member and the
 *   entry they are writing in — for the member list;
 * - each entry's: on the replica document of an open editor, written by Lexical's
 *   binding — name, colour and cursor — for the cursors in that entry.
 *
 * A remote cursor for an entry that is not open on this laptop is kept in a quiet
 * shadow Awareness, so an editor opened later shows the others' cursors at once.
 * When a peer leaves, every state it brought is removed at once rather than after
 * y-protocols' 30-second timeout.
 */
import {
  Awareness,
  applyAwarenessUpdate,
  encodeAwarenessUpdate,
  removeAwarenessStates,
} from 'y-protocols/awareness';
import * as Y from 'yjs';
import {
  INDEX_DOC_ID,
  entryDocId,
  isDocId,
  type DocId,
  type EntryId,
} from '../../../shared/notebook/ids';
import {
  checkCursorState,
  checkPresenceState,
  sanitizeAwarenessUpdate,
  type CirclePresenceState,
} from '../../../shared/sync/awarenessStates';
import { logger } from '../../../shared/log';
import type { CircleSession } from '../live-documents/circleSession';

const log = logger('presence');

type AwarenessChange = { added: number[]; updated: number[]; removed: number[] };

/** A member seen in the room now. */
export interface PresentMember {
  memberId: string;
  name: string;
  colour: string;
  editing: EntryId | null;
}

/** The awareness of one circle on this laptop. */
export class CirclePresence {
  /** This laptop's presence in the circle (index document awareness). */
  readonly circle: Awareness;
  private readonly shadows = new Map<DocId, Awareness>();
  private readonly editors = new Map<DocId, Set<Awareness>>();
  private readonly peerClients = new Map<string, Map<DocId, Set<number>>>();
  private readonly localListeners = new Set<(docId: DocId, update: Uint8Array) => void>();
  private readonly changeListeners = new Set<() => void>();
  private present: PresentMember[] = [];
  private readonly stopWatchingProfile: () => void;

  constructor(session: CircleSession) {
    this.circle = new Awareness(session.index.ydoc);
    const member = (): CirclePresenceState['member'] => {
      const { profile } = session;
      return { id: profile.memberId, name: profile.memberName, colour: profile.colour };
    };
    this.circle.setLocalState({ member: member(), editing: null } satisfies CirclePresenceState);
    // A newcomer's colour settles once the circle's members are known.
    this.stopWatchingProfile = session.onProfileChange(() =>
      this.circle.setLocalStateField('member', member()),
    );
    this.watch(INDEX_DOC_ID, this.circle);
    this.circle.on('change', () => this.refreshPresent());
  }

  /** Says which entry this member is writing in (null: none). */
  setEditing(entryId: EntryId | null): void {
    const current = this.circle.getLocalState() as CirclePresenceState | null;
    if (current !== null && current.editing !== entryId) {
      this.circle.setLocalStateField('editing', entryId);
    }
  }

  /** The other members here now, one per laptop. */
  members(): PresentMember[] {
    return this.present;
  }

  /** Calls `listener` when who is here, or where they write, changes. */
  subscribe(listener: () => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  /** Sends an open editor's cursor to the room and shows the room's cursors in it. */
  linkEditor(entryId: EntryId, awareness: Awareness): () => void {
    const docId = entryDocId(entryId);
    let set = this.editors.get(docId);
    if (set === undefined) this.editors.set(docId, (set = new Set()));
    set.add(awareness);
    const shadow = this.shadows.get(docId);
    if (shadow !== undefined) {
      const clients = [...shadow.getStates().keys()].filter((id) => id !== shadow.clientID);
      if (clients.length > 0) {
        applyAwarenessUpdate(awareness, encodeAwarenessUpdate(shadow, clients), 'shadow');
      }
    }
    const stopWatching = this.watch(docId, awareness);
    return () => {
      stopWatching();
      set.delete(awareness);
      // Tell the room this cursor is gone now, not in 30 seconds.
      removeAwarenessStates(awareness, [awareness.clientID], 'local');
    };
  }

  /** Client ids of this laptop's open editors of a document (no peer may write as them). */
  editorClients(docId: DocId): number[] {
    return [...(this.editors.get(docId) ?? [])].map((awareness) => awareness.clientID);
  }

  /** Applies a peer's awareness update for one document, after checking it. */
  applyRemote(docId: DocId, update: Uint8Array, peerId: string): void {
    if (!isDocId(docId)) return;
    const isCircle = docId === INDEX_DOC_ID;
    const own = new Set([
      this.circle.clientID,
      ...[...(this.editors.get(docId) ?? [])].map((a) => a.clientID),
    ]);
    const checked = sanitizeAwarenessUpdate(
      update,
      isCircle ? checkPresenceState : checkCursorState,
      own,
    );
    if (!checked.ok) {
      log.warn('ignored an awareness update from a peer', { peerId, reason: checked.reason });
      return;
    }
    const targets = isCircle
      ? [this.circle]
      : [this.shadowFor(docId), ...(this.editors.get(docId) ?? [])];
    for (const awareness of targets) applyAwarenessUpdate(awareness, checked.value, peerId);
  }

  /** Calls `listener` with each local awareness change to send to the room. */
  onLocal(listener: (docId: DocId, update: Uint8Array) => void): () => void {
    this.localListeners.add(listener);
    return () => this.localListeners.delete(listener);
  }

  /** Everything this laptop's awareness says now, for a peer that just connected. */
  snapshot(): { docId: DocId; update: Uint8Array }[] {
    const out = [
      { docId: INDEX_DOC_ID, update: encodeAwarenessUpdate(this.circle, [this.circle.clientID]) },
    ];
    for (const [docId, editors] of this.editors) {
      for (const awareness of editors) {
        if (awareness.getLocalState() !== null) {
          out.push({ docId, update: encodeAwarenessUpdate(awareness, [awareness.clientID]) });
        }
      }
    }
    return out;
  }

  /** Removes every state a peer brought (it left or its link failed). */
  forgetPeer(peerId: string): void {
    const byDoc = this.peerClients.get(peerId);
    if (byDoc === undefined) return;
    this.peerClients.delete(peerId);
    for (const [docId, clients] of byDoc) {
      const targets =
        docId === INDEX_DOC_ID
          ? [this.circle]
          : [this.shadows.get(docId), ...(this.editors.get(docId) ?? [])];
      for (const awareness of targets) {
        if (awareness !== undefined) removeAwarenessStates(awareness, [...clients], 'peer-left');
      }
    }
  }

  /** Stops everything. */
  destroy(): void {
    this.stopWatchingProfile();
    removeAwarenessStates(this.circle, [this.circle.clientID], 'local');
    this.circle.destroy();
    for (const shadow of this.shadows.values()) shadow.destroy();
    this.shadows.clear();
    this.localListeners.clear();
    this.changeListeners.clear();
  }

  private shadowFor(docId: DocId): Awareness {
    let shadow = this.shadows.get(docId);
    if (shadow === undefined) {
      shadow = new Awareness(new Y.Doc());
      shadow.setLocalState(null);
      this.shadows.set(docId, shadow);
      this.watch(docId, shadow);
    }
    return shadow;
  }

  // Forwards local changes to the room and remembers which peer brought which client.
  private watch(docId: DocId, awareness: Awareness): () => void {
    const onUpdate = (change: AwarenessChange, origin: unknown): void => {
      if (origin === 'local') {
        const clients = [...change.added, ...change.updated, ...change.removed].filter(
          (id) => id === awareness.clientID,
        );
        if (clients.length === 0) return;
        const update = encodeAwarenessUpdate(awareness, clients);
        for (const listener of [...this.localListeners]) listener(docId, update);
      } else if (typeof origin === 'string' && origin !== 'shadow' && origin !== 'peer-left') {
        let byDoc = this.peerClients.get(origin);
        if (byDoc === undefined)
          this.peerClients.set(origin, (byDoc = new Map<DocId, Set<number>>()));
        let clients = byDoc.get(docId);
        if (clients === undefined) byDoc.set(docId, (clients = new Set()));
        for (const id of [...change.added, ...change.updated]) clients.add(id);
        for (const id of change.removed) clients.delete(id);
      }
    };
    awareness.on('update', onUpdate);
    return () => awareness.off('update', onUpdate);
  }

  private refreshPresent(): void {
    const present: PresentMember[] = [];
    for (const [clientID, state] of this.circle.getStates()) {
      if (clientID === this.circle.clientID) continue;
      const checked = checkPresenceState(state) as CirclePresenceState | null;
      if (checked === null) continue;
      present.push({
        memberId: checked.member.id,
        name: checked.member.name,
        colour: checked.member.colour,
        editing: checked.editing as EntryId | null,
      });
    }
    this.present = present;
    for (const listener of [...this.changeListeners]) listener();
  }
}
