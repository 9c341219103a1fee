import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createEventEmitter,
  registerInvokeHandlers,
  type EventRecipient,
} from '../../../../../electron/main/ipc/register';
import { createSenderCheck } from '../../../../../electron/main/ipc/senderCheck';
import { INVOKE_CHANNELS } from '../../../../../shared/ipc/arguments';
import type { EmitEvent, InvokeHandlers } from '../../../../../shared/ipc/contract';
import {
  APP_PAGE,
  captureLogs,
  eventFrom,
  FakeIpcMain,
  fakeHandlers,
  OWN_WEB_CONTENTS_ID,
} from '../../fakes';

const checkSender = createSenderCheck({
  appPage: APP_PAGE,
  isOwnWebContents: (id) => id === OWN_WEB_CONTENTS_ID,
});

let logs: ReturnType<typeof captureLogs>;
beforeEach(() => {
  logs = captureLogs();
});
afterEach(() => {
  logs.restore();
});

describe('registerInvokeHandlers', () => {
  it('registers exactly the request channels of the contract', () => {
    const ipc = new FakeIpcMain();
    registerInvokeHandlers(ipc, fakeHandlers(), checkSender);

    expect([...ipc.handlers.keys()].sort()).toEqual([...INVOKE_CHANNELS].sort());
  });

  it('never registers a channel the contract does not list, even if the backend offers it', async () => {
    const ipc = new FakeIpcMain();
    const sneaky = vi.fn();
    const handlers = { ...fakeHandlers(), 'hearth:shell:exec': sneaky } as InvokeHandlers;
    registerInvokeHandlers(ipc, handlers, checkSender);

    expect(ipc.handlers.has('hearth:shell:exec')).toBe(false);
    await expect(ipc.invoke('hearth:shell:exec', eventFrom())).rejects.toThrow(
      'No handler registered',
    );
    expect(sneaky).not.toHaveBeenCalled();
  });

  it('answers through the backend handler of each channel', async () => {
    const ipc = new FakeIpcMain();
    registerInvokeHandlers(ipc, fakeHandlers(), checkSender);

    await expect(ipc.invoke('hearth:app:info', eventFrom())).resolves.toMatchObject({
      mode: 'desktop',
    });
  });

  it('removes every handler when unregistered, so a later launch can register again', () => {
    const ipc = new FakeIpcMain();
    const unregister = registerInvokeHandlers(ipc, fakeHandlers(), checkSender);
    unregister();

    expect(ipc.handlers.size).toBe(0);
    expect(() => registerInvokeHandlers(ipc, fakeHandlers(), checkSender)).not.toThrow();
  });

  it('refuses a backend that lacks a handler before registering anything', () => {
    const ipc = new FakeIpcMain();
    const handlers: Partial<InvokeHandlers> = fakeHandlers();
    delete handlers['hearth:docs:flush'];

    expect(() => registerInvokeHandlers(ipc, handlers as InvokeHandlers, checkSender)).toThrow(
      'hearth:docs:flush',
    );
    expect(ipc.handlers.size).toBe(0);
  });
});

function recipient(url: string, destroyed = false): EventRecipient & { sent: unknown[][] } {
  const sent: unknown[][] = [];
  return {
    sent,
    isDestroyed: () => destroyed,
    getURL: () => url,
    send: (channel, ...args) => {
      sent.push([channel, ...args]);
    },
  };
}

describe('createEventEmitter', () => {
  it('sends an event to every live window showing the app page', () => {
    const first = recipient(APP_PAGE.url);
    const second = recipient(`${APP_PAGE.url}#/settings`);
    const emit = createEventEmitter(() => [first, second], APP_PAGE);

    emit('hearth:menu:command', 'new-entry');

    expect(first.sent).toEqual([['hearth:menu:command', 'new-entry']]);
    expect(second.sent).toEqual([['hearth:menu:command', 'new-entry']]);
  });

  it('skips windows that are destroyed or showing another page', () => {
    const gone = recipient(APP_PAGE.url, true);
    const elsewhere = recipient('https://example.com/');
    const emit = createEventEmitter(() => [gone, elsewhere], APP_PAGE);

    emit('hearth:menu:command', 'new-entry');

    expect(gone.sent).toEqual([]);
    expect(elsewhere.sent).toEqual([]);
  });

  it('looks windows up when sending, so a window opened later receives events', () => {
    const windows: EventRecipient[] = [];
    const emit = createEventEmitter(() => windows, APP_PAGE);
    const late = recipient(APP_PAGE.url);
    windows.push(late);

    emit('hearth:menu:command', 'focus-search');

    expect(late.sent).toEqual([['hearth:menu:command', 'focus-search']]);
  });

  it('sends nothing on a channel outside the contract, even when a caller casts', () => {
    const window = recipient(APP_PAGE.url);
    const emit = createEventEmitter(() => [window], APP_PAGE);

    (emit as (channel: string, payload: unknown) => void)('hearth:secrets:leak', 'key');

    expect(window.sent).toEqual([]);
    expect(logs.records.some((r) => r.level === 'warn')).toBe(true);
  });

  it('matches the backend emit type', () => {
    const emit: EmitEvent = createEventEmitter(() => [], APP_PAGE);
    expect(typeof emit).toBe('function');
  });
});
