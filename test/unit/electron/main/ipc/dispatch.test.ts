/**
 * The one dispatcher, seen through both transports: Electron IPC (a fake ipcMain) and the
 * browser-mode bridge session (a fake socket). The same failure must reach the page as
 * the same `[kind] message`, and an unexpected error's own text must reach it on neither.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { INTERNAL_ERROR_MESSAGE, dispatch } from '../../../../../electron/main/ipc/dispatch';
import { registerInvokeHandlers } from '../../../../../electron/main/ipc/register';
import { openBridgeSession } from '../../../../../electron/web/bridgeSession';
import type { InvokeChannel, InvokeHandlers } from '../../../../../shared/ipc/contract';
import { HearthError } from '../../../../../shared/ipc/errors';
import { decodeFrame, encodeFrame } from '../../../../../shared/ipc/wire';
import { captureLogs, eventFrom, FakeIpcMain, fakeHandlers } from '../../fakes';

const SECRET = 'EACCES /home/ana/circles/I relapsed last week';
const CIRCLE = 'AAAAAAAAAAAAAAAAAAAAAA';

let logs: ReturnType<typeof captureLogs>;
beforeEach(() => {
  logs = captureLogs();
});
afterEach(() => {
  logs.restore();
});

// What the page's bridge reader sees from Electron IPC: the wire text, or the result.
async function overIpc(handlers: InvokeHandlers, channel: string, args: unknown[]) {
  const ipc = new FakeIpcMain();
  // The sender check is Electron's own step, tested in handle.test.ts; here every sender passes.
  registerInvokeHandlers(ipc, handlers, () => ({ trusted: true }));
  try {
    return { ok: true, value: await ipc.invoke(channel, eventFrom(), ...args) };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
}

// A socket that hands the session one invoke frame and keeps what it sends back.
async function overBridge(handlers: InvokeHandlers, channel: string, args: unknown[]) {
  const sent: Uint8Array[] = [];
  // By event: the session listens for messages and, for its heartbeat, for the close.
  const listeners = new Map<string, (...event: unknown[]) => void>();
  const socket = {
    OPEN: 1,
    readyState: 1,
    send: (frame: Uint8Array) => sent.push(frame),
    on: (event: string, listener: (...event: unknown[]) => void) => {
      listeners.set(event, listener);
    },
    close: () => undefined,
  } as unknown as WebSocket;
  const session = openBridgeSession(socket, handlers, 'test page');
  listeners.get('message')?.(
    Buffer.from(encodeFrame({ kind: 'invoke', id: 7, channel, args })),
    true,
  );
  await session.drain();
  listeners.get('close')?.();
  const frames = sent.map((frame) => decodeFrame(frame));
  const result = frames.find((f) => f.ok && f.value.kind === 'result');
  if (result === undefined || !result.ok || result.value.kind !== 'result') {
    throw new Error('the session sent no result');
  }
  const { ok } = result.value;
  return ok
    ? { ok, value: result.value.value }
    : { ok, error: (result.value as { error: string }).error };
}

const failures: [string, InvokeChannel, unknown[], Partial<InvokeHandlers>][] = [
  [
    'an Error with a path and words in it',
    'hearth:circles:list',
    [],
    { 'hearth:circles:list': () => Promise.reject(new Error(SECRET)) },
  ],
  [
    'a synchronous throw',
    'hearth:circles:list',
    [],
    {
      'hearth:circles:list': () => {
        throw new TypeError(SECRET);
      },
    },
  ],
  [
    'a thrown string',
    'hearth:notices:list',
    [],
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- a careless library might
    { 'hearth:notices:list': () => Promise.reject(SECRET) },
  ],
  [
    'a HearthError from the handler',
    'hearth:circles:open',
    [CIRCLE],
    {
      'hearth:circles:open': () =>
        Promise.reject(new HearthError('not-found', 'That circle is not on this laptop.')),
    },
  ],
  ['an argument of the wrong type', 'hearth:circles:open', [42], {}],
  ['too many arguments', 'hearth:docs:flush', ['extra'], {}],
];

describe('one dispatcher for every transport', () => {
  it.each(failures)(
    'answers %s the same over Electron IPC and the browser bridge',
    async (_name, channel, args, overrides) => {
      const ipc = await overIpc(fakeHandlers(overrides), channel, args);
      const bridge = await overBridge(fakeHandlers(overrides), channel, args);
      expect(ipc.ok).toBe(false);
      expect(bridge).toEqual(ipc);
      expect(HearthError.fromWire(String(ipc.error)).toWire()).toBe(ipc.error);
    },
  );

  it('answers a successful request the same over both', async () => {
    const handlers = fakeHandlers();
    const ipc = await overIpc(handlers, 'hearth:circles:list', []);
    const bridge = await overBridge(handlers, 'hearth:circles:list', []);
    expect(bridge).toEqual(ipc);
    expect(ipc.ok).toBe(true);
  });

  it('never sends an unexpected error’s own text, on either transport', async () => {
    for (const [, channel, args, overrides] of failures.slice(0, 3)) {
      for (const answer of [
        await overIpc(fakeHandlers(overrides), channel, args),
        await overBridge(fakeHandlers(overrides), channel, args),
      ]) {
        expect(answer).toEqual({ ok: false, error: `[internal] ${INTERNAL_ERROR_MESSAGE}` });
      }
    }
    // The detail stays in main's log, where whoever helps the member can read it.
    const logged = logs.records.filter((r) => r.level === 'error');
    expect(logged.length).toBeGreaterThan(0);
    expect(logged.every((r) => String(r.detail?.error).includes(SECRET))).toBe(true);
  });

  it('never sends the reason a result could not be put on the wire', async () => {
    const handlers = fakeHandlers({
      // A function is no part of the wire format: encoding the result fails.
      'hearth:circles:list': () => Promise.resolve([() => SECRET] as never),
    });
    const bridge = await overBridge(handlers, 'hearth:circles:list', []);
    expect(bridge).toEqual({ ok: false, error: `[internal] ${INTERNAL_ERROR_MESSAGE}` });
  });

  it('refuses an unknown channel, or one with no handler, without calling anything', async () => {
    const handlers = fakeHandlers();
    expect(await overBridge(handlers, 'hearth:shell:exec', [])).toEqual({
      ok: false,
      error: '[invalid-argument] unknown request channel',
    });
    const answer = await dispatch({}, 'hearth:circles:list', []);
    expect(answer.ok || answer.error.toWire()).toBe('[invalid-argument] unknown request channel');
    expect(handlers['hearth:circles:list']).not.toHaveBeenCalled();
  });
});
