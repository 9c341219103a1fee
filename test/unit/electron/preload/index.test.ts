import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { HearthApi } from '../../../../shared/ipc/contract';
import { HearthError } from '../../../../shared/ipc/errors';

// The real `electron` package would try to download its binary; the preload gets these fakes.
const electron = vi.hoisted(() => ({
  ipcRenderer: { invoke: vi.fn(), on: vi.fn(), removeListener: vi.fn() },
  contextBridge: { exposeInMainWorld: vi.fn() },
}));
vi.mock('electron', () => electron);

const { createInvoke, createSubscribe } = await import('../../../../electron/preload/index');

function exposedApi(): HearthApi {
  const [call] = electron.contextBridge.exposeInMainWorld.mock.calls;
  return call?.[1] as HearthApi;
}

beforeEach(() => {
  electron.ipcRenderer.invoke.mockReset();
  electron.ipcRenderer.on.mockReset();
  electron.ipcRenderer.removeListener.mockReset();
});

describe('the preload', () => {
  it('exposes one object, window.hearth, holding only the API domains', () => {
    expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledOnce();
    expect(electron.contextBridge.exposeInMainWorld.mock.calls[0]?.[0]).toBe('hearth');
    expect(Object.keys(exposedApi()).sort()).toEqual(
      [
        'app',
        'backup',
        'camera',
        'circles',
        'clipboard',
        'door',
        'docs',
        'events',
        'export',
        'journal',
        'notices',
        'search',
        'settings',
        'sync',
      ].sort(),
    );
  });

  it('never hands the page ipcRenderer or anything but functions', () => {
    const leaves: unknown[] = [];
    const walk = (value: unknown): void => {
      if (typeof value === 'object' && value !== null) Object.values(value).forEach(walk);
      else leaves.push(value);
    };
    walk(exposedApi());

    expect(leaves.length).toBeGreaterThan(10);
    expect(leaves.every((leaf) => typeof leaf === 'function')).toBe(true);
    expect(leaves).not.toContain(electron.ipcRenderer.invoke);
    expect(leaves).not.toContain(electron.ipcRenderer.on);
  });

  it('forwards each API call on its contract channel with its arguments', async () => {
    electron.ipcRenderer.invoke.mockResolvedValue([]);
    const update = new Uint8Array([1, 2]);

    await exposedApi().circles.list();
    await exposedApi().docs.append('c'.repeat(22) as never, 'index' as never, update);

    expect(electron.ipcRenderer.invoke.mock.calls).toEqual([
      ['hearth:circles:list'],
      ['hearth:docs:append', 'c'.repeat(22), 'index', update],
    ]);
  });

  it('refuses a channel outside the allow-list without reaching main', async () => {
    // Cast: a page could call the function with any string; the types alone would not let it.
    const invoke = createInvoke(electron.ipcRenderer) as (channel: string) => Promise<unknown>;

    const error = (await invoke('hearth:shell:exec').catch((e: unknown) => e)) as Error;
    expect(HearthError.fromWire(error.message).kind).toBe('invalid-argument');
    expect(error.message).toContain('hearth:shell:exec is not a Hearth request');
    expect(electron.ipcRenderer.invoke).not.toHaveBeenCalled();
  });

  it("turns main's refusal into a clean [kind] message that HearthError.fromWire reads", async () => {
    electron.ipcRenderer.invoke.mockRejectedValue(
      new Error(
        "Error invoking remote method 'hearth:circles:open': Error: [invalid-argument] hearth:circles:open[0] should be a string, got number",
      ),
    );

    const error = (await exposedApi()
      .circles.open(42 as never)
      .catch((e: unknown) => e)) as Error;
    expect(error.message).toBe(
      '[invalid-argument] hearth:circles:open[0] should be a string, got number',
    );
    const recovered = HearthError.fromWire(error.message);
    expect(recovered.kind).toBe('invalid-argument');
    expect(recovered.message).toBe('hearth:circles:open[0] should be a string, got number');
  });

  it('reports a failure without a kind as [internal]', async () => {
    electron.ipcRenderer.invoke.mockRejectedValue(new Error('channel closed'));

    await expect(exposedApi().app.info()).rejects.toThrow('[internal] channel closed');
  });

  it('gives a subscriber the payload only, never the IPC event, until it unsubscribes', () => {
    const listener = vi.fn();
    const unsubscribe = exposedApi().events.onMenuCommand(listener);

    const [channel, forward] = electron.ipcRenderer.on.mock.calls[0] as [
      string,
      (event: unknown, payload: unknown) => void,
    ];
    expect(channel).toBe('hearth:menu:command');
    forward({ sender: electron.ipcRenderer }, 'new-entry');
    expect(listener).toHaveBeenCalledExactlyOnceWith('new-entry');

    unsubscribe();
    unsubscribe();
    expect(electron.ipcRenderer.removeListener).toHaveBeenCalledExactlyOnceWith(
      'hearth:menu:command',
      forward,
    );
  });

  it('refuses to subscribe to a channel outside the allow-list', () => {
    const subscribe = createSubscribe(electron.ipcRenderer);

    expect(() => subscribe('hearth:secrets' as never, vi.fn())).toThrow(/^\[invalid-argument\] /);
    expect(electron.ipcRenderer.on).not.toHaveBeenCalled();
  });
});
