import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { EntryProvider } from '../../../../../renderer/src/features/entry-editor/entryProvider';
import { isReplicaOrigin } from '../../../../../shared/notebook/origins';

// The provider moves whole documents; a plain Y.Text stands in for the entry body.
const textOf = (ydoc: Y.Doc): string => ydoc.getText('body').toJSON();
const type = (ydoc: Y.Doc, text: string): void => {
  const yBody = ydoc.getText('body');
  yBody.insert(yBody.length, text);
};
const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

interface Harness {
  provider: EntryProvider;
  replica: Y.Doc;
  events: [string, unknown][];
}

const providers: EntryProvider[] = [];
afterEach(() => {
  for (const provider of providers.splice(0)) provider.disconnect();
});

function provide(live: Y.Doc): Harness {
  const replica = new Y.Doc();
  const provider = new EntryProvider(replica, () => Promise.resolve(live));
  const events: [string, unknown][] = [];
  provider.on('status', (payload: never) => events.push(['status', payload]));
  provider.on('sync', (payload: never) => events.push(['sync', payload]));
  providers.push(provider);
  return { provider, replica, events };
}

function liveWith(text: string): Y.Doc {
  const live = new Y.Doc();
  type(live, text);
  return live;
}

describe('EntryProvider', () => {
  it('names its writer only when the editor first writes, before the write reaches the live document', async () => {
    const live = liveWith('Stored words');
    const replica = new Y.Doc();
    const named: string[] = [];
    let mayWrite = false;
    const provider = new EntryProvider(
      replica,
      () => Promise.resolve(live),
      null,
      () => undefined,
      () => {
        named.push(textOf(live));
        return mayWrite;
      },
    );
    providers.push(provider);
    provider.connect();
    await nextTask();
    // Copying the live state in and a peer's words coming through are not the editor's.
    type(live, '.');
    await nextTask();
    expect(named).toEqual([]);

    // Not allowed yet (read-only): asked again at the next write.
    type(replica, ' One');
    mayWrite = true;
    type(replica, ' Two');
    type(replica, ' Three');
    expect(named).toEqual(['Stored words.', 'Stored words. One']);
    expect(textOf(live)).toBe('Stored words. One Two Three');
  });

  it('copies the live state into the replica on connect and reports connected and synced', async () => {
    const live = liveWith('Stored words');
    const { provider, replica, events } = provide(live);
    provider.connect();
    expect(textOf(replica)).toBe('');
    await nextTask();
    expect(textOf(replica)).toBe('Stored words');
    expect(events).toEqual([
      ['status', { status: 'connected' }],
      ['sync', true],
    ]);
  });

  it('carries edits both ways, tagged with its own replica origin', async () => {
    const live = liveWith('a');
    const { provider, replica } = provide(live);
    provider.connect();
    await nextTask();
    const liveOrigins: unknown[] = [];
    live.on('update', (_update: Uint8Array, origin: unknown) => liveOrigins.push(origin));
    type(replica, 'b');
    expect(textOf(live)).toBe('ab');
    type(live, 'c');
    await nextTask();
    expect(textOf(replica)).toBe('abc');
    expect(liveOrigins[0]).toBe(provider.origin);
    expect(isReplicaOrigin(provider.origin)).toBe(true);
  });

  it('lets two editors on one live document see each other', async () => {
    const live = liveWith('');
    const first = provide(live);
    const second = provide(live);
    first.provider.connect();
    second.provider.connect();
    await nextTask();
    type(first.replica, 'from the first ');
    await nextTask();
    type(second.replica, 'and the second');
    await nextTask();
    expect(textOf(first.replica)).toBe('from the first and the second');
    expect(textOf(second.replica)).toBe('from the first and the second');
    expect(textOf(live)).toBe('from the first and the second');
  });

  it('stops carrying edits once disconnected', async () => {
    const live = liveWith('before');
    const { provider, replica, events } = provide(live);
    provider.connect();
    await nextTask();
    provider.disconnect();
    type(live, ' live only');
    expect(textOf(replica)).toBe('before');
    expect(events.at(-1)).toEqual(['status', { status: 'disconnected' }]);
  });

  it('releases the replica after a disconnect that is not followed by a connect', async () => {
    const { provider, replica } = provide(liveWith('x'));
    provider.connect();
    await nextTask();
    provider.disconnect();
    expect(replica.isDestroyed).toBe(false);
    await nextTask();
    expect(replica.isDestroyed).toBe(true);
  });

  it('hands the editor changes from elsewhere merged, one transaction per task', async () => {
    const live = liveWith('');
    const { provider, replica } = provide(live);
    provider.connect();
    await nextTask();
    let replicaTransactions = 0;
    replica.on('afterTransaction', () => replicaTransactions++);
    for (const letter of 'several peer updates') type(live, letter);
    expect(replicaTransactions).toBe(0);
    await nextTask();
    expect(replicaTransactions).toBe(1);
    expect(textOf(replica)).toBe('several peer updates');
  });

  it('ends connected, once, with no duplicate content after connect, disconnect, connect in one tick', async () => {
    const live = liveWith('Only once');
    const { provider, replica, events } = provide(live);
    // React StrictMode mounts, unmounts and mounts again within one commit.
    provider.connect();
    provider.disconnect();
    provider.connect();
    await nextTask();
    await nextTask();
    expect(replica.isDestroyed).toBe(false);
    expect(textOf(replica)).toBe('Only once');
    expect(events.filter(([name]) => name === 'sync')).toHaveLength(1);
    expect(events.at(-1)).toEqual(['sync', true]);

    let replicaUpdates = 0;
    replica.on('update', () => replicaUpdates++);
    type(live, '!');
    await nextTask();
    expect(replicaUpdates).toBe(1);
    expect(textOf(replica)).toBe('Only once!');
    type(replica, '?');
    expect(textOf(live)).toBe('Only once!?');
  });

  it('reports a live document that cannot be loaded through onFailure', async () => {
    const failure = new Error('the store is unreachable');
    const onFailure = vi.fn();
    const provider = new EntryProvider(new Y.Doc(), () => Promise.reject(failure), null, onFailure);
    const statuses: unknown[] = [];
    provider.on('status', (payload: never) => statuses.push(payload));
    providers.push(provider);
    provider.connect();
    await nextTask();
    expect(onFailure).toHaveBeenCalledWith(failure);
    expect(statuses).toEqual([{ status: 'disconnected' }]);
  });

  it('ignores a load that finishes after the editor has gone', async () => {
    let finish = (_live: Y.Doc): void => undefined;
    const replica = new Y.Doc();
    const provider = new EntryProvider(
      replica,
      () => new Promise<Y.Doc>((resolve) => (finish = resolve)),
    );
    provider.connect();
    provider.disconnect();
    finish(liveWith('late'));
    await nextTask();
    expect(textOf(replica)).toBe('');
  });

  it('links its awareness while connected and unlinks it on disconnect', async () => {
    const unlink = vi.fn();
    const link = vi.fn((_awareness: Awareness) => unlink);
    const provider = new EntryProvider(new Y.Doc(), () => Promise.resolve(liveWith('')), link);
    providers.push(provider);
    provider.connect();
    await nextTask();
    expect(link).toHaveBeenCalledTimes(1);
    expect(link.mock.calls[0]![0]).toBe(provider.awareness);
    provider.disconnect();
    expect(unlink).toHaveBeenCalledTimes(1);
  });

  it('stops calling a listener once it is removed', async () => {
    const { provider } = provide(liveWith(''));
    const listener = vi.fn();
    provider.on('sync', listener);
    provider.off('sync', listener);
    provider.connect();
    await nextTask();
    expect(listener).not.toHaveBeenCalled();
  });
});
