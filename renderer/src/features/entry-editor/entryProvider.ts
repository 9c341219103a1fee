/**
 * The collaboration provider behind every entry editor (Lexical's `Provider`).
 *
 * The editor binds to a replica document of its own, made fresh for each mount; the
 * provider links that replica to the circle's live entry document, which the session
 * persists and (with peers) syncs. Why a replica: Lexical's V1 binding renders only
 * changes that arrive after it attaches (lexical#4999), so an editor mounted on a
 * document that already holds text would show nothing. Here the binding attaches to an
 * empty replica, and `connect()` then copies the live state in, which the binding sees
 * as a change and renders. After that, updates flow both ways, tagged with this
 * provider's own origin (marked REPLICA_ORIGIN) so neither side echoes them back, and a
 * second editor on the same entry still receives them.
 *
 * The replica's client is named as a writer of the entry (`beforeWrite`) only when the
 * editor first writes, just before that write reaches the live document: the index
 * change then leaves first, so peers can trace the words, and an editor that is only
 * read (most of them, at every opening) adds nothing to the index.
 *
 * `connect()` is synchronous and guarded by a generation counter: React StrictMode
 * connects, disconnects and connects again within one commit, and a promise-returning
 * connect would let the first disconnect land after the second connect.
 */
import type { Provider, ProviderAwareness } from '@lexical/yjs';
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { REPLICA_ORIGIN } from '../../../../shared/notebook/origins';

type ProviderEvent = 'sync' | 'status' | 'update' | 'reload';
type Listener = (payload: never) => void;

/** Shares an editor's awareness (name, colour, cursor) with the room; returns its cleanup. */
export type AwarenessLink = (awareness: Awareness) => () => void;

/** Links one editor's replica to a live entry document. */
export class EntryProvider implements Provider {
  /** The editor's presence: name, colour and cursor, as Lexical's binding writes it. */
  readonly awareness: ProviderAwareness;
  private readonly yAwareness: Awareness;
  private readonly listeners = new Map<ProviderEvent, Set<Listener>>();
  private generation = 0;
  private unlink: (() => void) | null = null;
  private pendingDestroy: ReturnType<typeof setTimeout> | null = null;
  private writerNamed = false;
  /** The origin of every transfer made by this provider, in either direction. */
  readonly origin = { kind: REPLICA_ORIGIN };

  constructor(
    private readonly replica: Y.Doc,
    private readonly liveDoc: () => Promise<Y.Doc>,
    private readonly linkAwareness: AwarenessLink | null = null,
    private readonly onFailure: (error: unknown) => void = () => undefined,
    /** Called before a write of the editor's reaches the live document, until it returns true. */
    private readonly beforeWrite: () => boolean = () => true,
  ) {
    this.yAwareness = new Awareness(replica);
    // y-protocols' Awareness has the methods Lexical calls, with wider signatures.
    this.awareness = this.yAwareness as unknown as ProviderAwareness;
  }

  /** Starts copying the live document into the replica and keeping both in step. */
  connect(): void {
    if (this.pendingDestroy !== null) {
      clearTimeout(this.pendingDestroy);
      this.pendingDestroy = null;
    }
    const generation = ++this.generation;
    this.liveDoc().then(
      (live) => {
        if (generation !== this.generation) return;
        this.link(live);
        this.emit('status', { status: 'connected' });
        this.emit('sync', true);
      },
      (error: unknown) => {
        if (generation !== this.generation) return;
        this.emit('status', { status: 'disconnected' });
        this.onFailure(error);
      },
    );
  }

  /** Stops the link; the awareness is released unless the editor reconnects at once. */
  disconnect(): void {
    this.generation++;
    this.unlink?.();
    this.unlink = null;
    this.emit('status', { status: 'disconnected' });
    this.pendingDestroy ??= setTimeout(() => {
      this.pendingDestroy = null;
      this.yAwareness.destroy();
      this.replica.destroy();
    }, 0);
  }

  /** Lexical's Provider: subscribe to `sync`, `status`, `update` or `reload`. */
  on(type: ProviderEvent, listener: Listener): void {
    let set = this.listeners.get(type);
    if (set === undefined) this.listeners.set(type, (set = new Set()));
    set.add(listener);
  }

  /** Lexical's Provider: unsubscribe. */
  off(type: ProviderEvent, listener: Listener): void {
    this.listeners.get(type)?.delete(listener);
  }

  private link(live: Y.Doc): void {
    Y.applyUpdate(this.replica, Y.encodeStateAsUpdate(live), this.origin);
    // Changes from elsewhere reach the editor merged, one transaction per Lexical commit:
    // the binding can drift from its document when several transactions land before it
    // commits (seen in the seeded convergence tests). Delivered in a microtask, so the
    // editor commits (its own microtask, queued by this delivery) before anything later
    // reaches the replica, and a peer's keystroke is painted in the frame it arrived in
    // rather than one task, and sometimes one frame, later.
    let waiting: Uint8Array[] = [];
    let scheduled = false;
    let linked = true;
    const deliver = (): void => {
      scheduled = false;
      if (!linked) return;
      const updates = waiting;
      waiting = [];
      if (updates.length === 0) return;
      Y.applyUpdate(
        this.replica,
        updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates),
        this.origin,
      );
    };
    const fromLive = (update: Uint8Array, origin: unknown): void => {
      if (origin === this.origin) return;
      waiting.push(update);
      if (scheduled) return;
      scheduled = true;
      queueMicrotask(deliver);
    };
    const fromEditor = (update: Uint8Array, origin: unknown): void => {
      if (origin === this.origin) return;
      if (!this.writerNamed) this.writerNamed = this.beforeWrite();
      Y.applyUpdate(live, update, this.origin);
    };
    live.on('update', fromLive);
    this.replica.on('update', fromEditor);
    const unlinkAwareness = this.linkAwareness?.(this.yAwareness) ?? null;
    this.unlink = () => {
      live.off('update', fromLive);
      this.replica.off('update', fromEditor);
      linked = false;
      // Nothing is lost by dropping what waits: the next link copies the live state whole.
      waiting = [];
      unlinkAwareness?.();
    };
  }

  private emit(type: 'sync', payload: boolean): void;
  private emit(type: 'status', payload: { status: string }): void;
  private emit(type: ProviderEvent, payload: unknown): void {
    for (const listener of [...(this.listeners.get(type) ?? [])]) {
      (listener as (payload: unknown) => void)(payload);
    }
  }
}
