/**
 * Stand-ins for the Electron objects the main-process modules receive, so their rules run
 * under plain Node (the Electron binary cannot be assumed in tests).
 */
import { vi } from 'vitest';
import { appPageFromScheme, type AppPage } from '../../../electron/main/appPage';
import type { IpcMainLike } from '../../../electron/main/ipc/handle';
import type { InvokeEvent } from '../../../electron/main/ipc/senderCheck';
import type { InvokeHandlers } from '../../../shared/ipc/contract';
import type { CircleId } from '../../../shared/notebook/ids';
import { setLogSink, type LogRecord } from '../../../shared/log';

/** The built renderer page as main sees it: `app://hearth/index.html`. */
export const APP_PAGE: AppPage = appPageFromScheme();

/** The web contents id of the window the tests pretend Hearth created. */
export const OWN_WEB_CONTENTS_ID = 1;

/** An IPC event from the main frame of Hearth's window, showing `url`. */
export function eventFrom(
  url: string = APP_PAGE.url,
  overrides: Partial<{ webContentsId: number; parent: unknown; frameGone: boolean }> = {},
): InvokeEvent {
  return {
    sender: { id: overrides.webContentsId ?? OWN_WEB_CONTENTS_ID },
    senderFrame: overrides.frameGone === true ? null : { url, parent: overrides.parent ?? null },
  };
}

type Listener = (event: InvokeEvent, ...args: unknown[]) => Promise<unknown>;

/** An `ipcMain` that records handlers and lets a test invoke them as a renderer would. */
export class FakeIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, Listener>();

  handle(channel: string, listener: Listener): void {
    // Electron refuses a second handler for one channel; so does the fake.
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, listener);
  }

  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }

  /** What `ipcRenderer.invoke` would see: the result, or an Error with main's message. */
  async invoke(channel: string, event: InvokeEvent, ...args: unknown[]): Promise<unknown> {
    const listener = this.handlers.get(channel);
    if (listener === undefined) throw new Error(`No handler registered for '${channel}'`);
    return listener(event, ...args);
  }
}

/** A backend whose every handler resolves with a harmless value; override the ones a test needs. */
export function fakeHandlers(overrides: Partial<InvokeHandlers> = {}): InvokeHandlers {
  const handlers: InvokeHandlers = {
    'hearth:app:info': vi.fn(() =>
      Promise.resolve({ mode: 'desktop' as const, version: '0.0.0', contractVersion: 1 }),
    ),
    'hearth:app:diagnostics': vi.fn(() => Promise.resolve({ text: 'Hearth 0.0.0', copied: false })),
    'hearth:app:report-problem': vi.fn(() => Promise.resolve()),
    'hearth:app:keep-awake': vi.fn(() => Promise.resolve()),
    'hearth:settings:get': vi.fn(() =>
      Promise.resolve({
        theme: 'system' as const,
        textSize: 'regular' as const,
        lastCircleId: null,
        iceServers: [],
        region: null,
        language: 'system' as const,
      }),
    ),
    'hearth:settings:update': vi.fn(() =>
      Promise.resolve({
        theme: 'dark' as const,
        textSize: 'regular' as const,
        lastCircleId: null,
        iceServers: [],
        region: null,
        language: 'system' as const,
      }),
    ),
    'hearth:circles:list': vi.fn(() => Promise.resolve([])),
    'hearth:circles:create': vi.fn(() => Promise.reject(new Error('not used'))),
    'hearth:circles:open': vi.fn(() => Promise.reject(new Error('not used'))),
    'hearth:circles:join': vi.fn(() => Promise.reject(new Error('not used'))),
    'hearth:circles:settle-colour': vi.fn(() => Promise.reject(new Error('not used'))),
    'hearth:sync:endpoints': vi.fn(() => Promise.resolve([])),
    'hearth:docs:load': vi.fn(() => Promise.resolve(null)),
    'hearth:docs:append': vi.fn(() => Promise.resolve()),
    'hearth:docs:appendMany': vi.fn(() => Promise.resolve()),
    'hearth:docs:flush': vi.fn(() => Promise.resolve()),
    'hearth:docs:remove': vi.fn(() => Promise.resolve()),
    'hearth:search:entryTexts': vi.fn(() => Promise.resolve([])),
    'hearth:docs:stateVectors': vi.fn(() => Promise.resolve([])),
    'hearth:docs:diffs': vi.fn(() => Promise.resolve([])),
    'hearth:journal:open': vi.fn(() =>
      Promise.resolve({ journalId: 'journaljournaljournal0' as CircleId }),
    ),
    'hearth:notices:list': vi.fn(() => Promise.resolve([])),
    'hearth:notices:dismiss': vi.fn(() => Promise.resolve()),
    'hearth:export:save': vi.fn(() => Promise.resolve({ kind: 'dismissed' as const })),
    'hearth:export:cancel': vi.fn(() => Promise.resolve()),
    'hearth:backup:create': vi.fn(() => Promise.resolve({ kind: 'dismissed' as const })),
    'hearth:backup:restore': vi.fn(() => Promise.resolve({ kind: 'dismissed' as const })),
    'hearth:door:open': vi.fn(() => Promise.reject(new Error('not used'))),
    'hearth:door:close': vi.fn(() => Promise.resolve()),
    'hearth:door:state': vi.fn(() => Promise.resolve(null)),
    'hearth:door:answer': vi.fn(() => Promise.resolve()),
    'hearth:door:nearby': vi.fn(() => Promise.resolve([])),
    'hearth:door:knock': vi.fn(() => Promise.reject(new Error('not used'))),
    'hearth:door:leave': vi.fn(() => Promise.resolve()),
    'hearth:clipboard:write': vi.fn(() => Promise.resolve()),
    'hearth:camera:reader': vi.fn(() => Promise.resolve()),
  };
  return { ...handlers, ...overrides };
}

/** Collects log lines instead of printing them; call the returned `restore` after the test. */
export function captureLogs(): { records: LogRecord[]; restore: () => void } {
  const records: LogRecord[] = [];
  const restore = setLogSink((record) => records.push(record));
  return { records, restore };
}
