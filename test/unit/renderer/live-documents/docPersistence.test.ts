import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { persistDoc } from '../../../../renderer/src/live-documents/docPersistence';
import { SaveTracker } from '../../../../renderer/src/live-documents/saveTracker';
import type { HearthApi } from '../../../../shared/ipc/contract';
import { HearthError } from '../../../../shared/ipc/errors';
import type { CircleId, DocId } from '../../../../shared/notebook/ids';
import { LOCAL_ORIGIN, STORE_ORIGIN } from '../../../../shared/notebook/origins';

const CIRCLE = 'circleAAAAAAAAAAAAAAAA' as CircleId;
const DOC = 'entryAAAAAAAAAAAAAAAAA' as DocId;

/** A store that keeps what it was given and fails while `failing` is set. */
class FakeStore {
  readonly stored: Uint8Array[] = [];
  attempts = 0;
  failing: Error | null = null;

  readonly append = (circleId: CircleId, docId: DocId, update: Uint8Array): Promise<void> => {
    expect([circleId, docId]).toEqual([CIRCLE, DOC]);
    this.attempts++;
    if (this.failing !== null) return Promise.reject(this.failing);
    this.stored.push(update);
    return Promise.resolve();
  };

  /** The text a laptop would read back from what was stored. */
  text(): string {
    const ydoc = new Y.Doc();
    for (const update of this.stored) Y.applyUpdate(ydoc, update);
    return ydoc.getText('body').toJSON();
  }

  api(): HearthApi {
    const unused = (): Promise<never> => Promise.reject(new Error('not used by persistDoc'));
    return {
      app: { info: unused, diagnostics: unused, reportProblem: unused, keepAwake: unused },
      settings: { get: unused, update: unused },
      circles: { list: unused, create: unused, open: unused, join: unused, settleColour: unused },
      sync: { endpoints: unused },
      docs: {
        load: unused,
        append: this.append,
        appendMany: unused,
        flush: () => Promise.resolve(),
        remove: unused,
        stateVectors: unused,
        diffs: unused,
      },
      journal: { open: unused },
      notices: { list: unused, dismiss: unused },
      export: { save: unused, cancel: unused },
      backup: { create: unused, restore: unused },
      door: {
        open: unused,
        close: unused,
        state: unused,
        answer: unused,
        nearby: unused,
        knock: unused,
        leave: unused,
      },
      clipboard: { writeText: unused },
      search: { entryTexts: unused },
      camera: { reader: unused },
      events: {
        onNotice: () => () => undefined,
        onMenuCommand: () => () => undefined,
        onEndpoints: () => () => undefined,
        onInviteLink: () => () => undefined,
        onExportProgress: () => () => undefined,
        onDoorState: () => () => undefined,
        onNearbyDoors: () => () => undefined,
        onKnock: () => () => undefined,
      },
    };
  }
}

const type = (ydoc: Y.Doc, text: string): void => {
  ydoc.transact(() => {
    const yBody = ydoc.getText('body');
    yBody.insert(yBody.length, text);
  }, LOCAL_ORIGIN);
};

let store: FakeStore;
let tracker: SaveTracker;
let ydoc: Y.Doc;
beforeEach(() => {
  vi.useFakeTimers();
  store = new FakeStore();
  tracker = new SaveTracker();
  ydoc = new Y.Doc();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('persistDoc', () => {
  it('appends every local update and counts it saved once the store confirms', async () => {
    persistDoc(store.api(), CIRCLE, DOC, ydoc, tracker);
    type(ydoc, 'one ');
    type(ydoc, 'two');
    expect(tracker.read().pending).toBe(2);
    await vi.runAllTimersAsync();
    expect(store.stored).toHaveLength(2);
    expect(store.text()).toBe('one two');
    expect(tracker.read()).toMatchObject({ pending: 0, failure: null });
    expect(tracker.read().lastSavedAt).not.toBeNull();
  });

  it('does not write back what was just read from the store', async () => {
    const stored = new Y.Doc();
    type(stored, 'already on disk');
    persistDoc(store.api(), CIRCLE, DOC, ydoc, tracker);
    Y.applyUpdate(ydoc, Y.encodeStateAsUpdate(stored), STORE_ORIGIN);
    await vi.runAllTimersAsync();
    expect(store.attempts).toBe(0);
    expect(tracker.read().pending).toBe(0);
  });

  it('retries failed appends, merged into one, until the store takes them, losing nothing', async () => {
    persistDoc(store.api(), CIRCLE, DOC, ydoc, tracker);
    store.failing = new HearthError('disk-full', 'The disk is full.');
    type(ydoc, 'I ');
    type(ydoc, 'was ');
    type(ydoc, 'here');
    await vi.advanceTimersByTimeAsync(0);
    expect(store.attempts).toBe(3);
    expect(tracker.read()).toMatchObject({ pending: 3, failure: 'disk-full' });

    // The first retry (after half a second) fails again, as one merged update.
    await vi.advanceTimersByTimeAsync(500);
    expect(store.attempts).toBe(4);
    expect(tracker.read().pending).toBe(3);

    store.failing = null;
    type(ydoc, '.');
    await vi.advanceTimersByTimeAsync(1000);
    expect(store.attempts).toBe(6);
    expect(store.stored).toHaveLength(2);
    expect(store.text()).toBe('I was here.');
    expect(tracker.read()).toMatchObject({ pending: 0, failure: null });
  });

  it('names an unexpected failure as a storage failure', async () => {
    persistDoc(store.api(), CIRCLE, DOC, ydoc, tracker);
    store.failing = new Error('socket closed');
    type(ydoc, 'x');
    await vi.advanceTimersByTimeAsync(0);
    expect(tracker.read().failure).toBe('storage-failed');
  });

  it('settles only once nothing is in flight or waiting to be retried', async () => {
    const persistence = persistDoc(store.api(), CIRCLE, DOC, ydoc, tracker);
    store.failing = new HearthError('storage-failed', 'Could not write.');
    type(ydoc, 'pending words');
    let settled = false;
    void persistence.settled().then(() => (settled = true));
    await vi.advanceTimersByTimeAsync(200);
    expect(settled).toBe(false);
    store.failing = null;
    await vi.advanceTimersByTimeAsync(500);
    expect(settled).toBe(true);
    expect(store.text()).toBe('pending words');
  });

  it('stops appending once detached', async () => {
    const persistence = persistDoc(store.api(), CIRCLE, DOC, ydoc, tracker);
    persistence.detach();
    type(ydoc, 'not saved');
    await vi.runAllTimersAsync();
    expect(store.attempts).toBe(0);
  });
});

describe('SaveTracker', () => {
  it('counts writes pending until saved, and never below zero', () => {
    const saves = new SaveTracker();
    saves.started(3);
    saves.saved(2);
    expect(saves.read().pending).toBe(1);
    saves.saved(5);
    expect(saves.read().pending).toBe(0);
  });

  it('keeps the last failure while anything is pending, and clears it when all is saved', () => {
    const saves = new SaveTracker();
    saves.started(2);
    saves.failed('disk-full');
    saves.saved(1);
    expect(saves.read()).toMatchObject({ pending: 1, failure: 'disk-full' });
    saves.saved(1);
    expect(saves.read()).toMatchObject({ pending: 0, failure: null });
  });

  it('gives a new state object and calls listeners after every change', () => {
    const saves = new SaveTracker();
    const listener = vi.fn();
    const unsubscribe = saves.subscribe(listener);
    const before = saves.read();
    saves.started();
    expect(saves.read()).not.toBe(before);
    expect(listener).toHaveBeenCalledTimes(1);
    unsubscribe();
    saves.saved();
    expect(listener).toHaveBeenCalledTimes(1);
  });
});
