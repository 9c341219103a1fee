import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { INTERNAL_ERROR_MESSAGE } from '../../../../../electron/main/ipc/dispatch';
import { createHandle } from '../../../../../electron/main/ipc/handle';
import { createSenderCheck } from '../../../../../electron/main/ipc/senderCheck';
import type { CircleId, DocId } from '../../../../../shared/notebook/ids';
import { HearthError } from '../../../../../shared/ipc/errors';
import { APP_PAGE, captureLogs, eventFrom, FakeIpcMain, OWN_WEB_CONTENTS_ID } from '../../fakes';

const CIRCLE = 'AAAAAAAAAAAAAAAAAAAAAA' as CircleId;
const INDEX = 'index' as DocId;

function setup() {
  const ipc = new FakeIpcMain();
  const checkSender = createSenderCheck({
    appPage: APP_PAGE,
    isOwnWebContents: (id) => id === OWN_WEB_CONTENTS_ID,
  });
  return { ipc, handle: createHandle(ipc, checkSender) };
}

let logs: ReturnType<typeof captureLogs>;
beforeEach(() => {
  logs = captureLogs();
});
afterEach(() => {
  logs.restore();
});

describe('handle', () => {
  it('passes checked arguments to the handler and returns its result', async () => {
    const { ipc, handle } = setup();
    const stored = new Uint8Array([1, 2, 3]);
    const load = vi.fn(() => Promise.resolve(stored));
    handle('hearth:docs:load', load);

    await expect(ipc.invoke('hearth:docs:load', eventFrom(), CIRCLE, INDEX)).resolves.toBe(stored);
    expect(load).toHaveBeenCalledWith(CIRCLE, INDEX);
  });

  it('refuses an argument of the wrong type with [invalid-argument] naming the argument', async () => {
    const { ipc, handle } = setup();
    const open = vi.fn();
    handle('hearth:circles:open', open);

    await expect(ipc.invoke('hearth:circles:open', eventFrom(), 42)).rejects.toThrow(
      /^\[invalid-argument\] hearth:circles:open\[0\] should be a string, got number$/,
    );
    expect(open).not.toHaveBeenCalled();
  });

  it('refuses a request with too many arguments, saying how many were expected', async () => {
    const { ipc, handle } = setup();
    handle('hearth:docs:flush', vi.fn());

    await expect(ipc.invoke('hearth:docs:flush', eventFrom(), 'extra')).rejects.toThrow(
      '[invalid-argument] hearth:docs:flush should have 0 argument(s), got 1',
    );
  });

  it('names a wrong field inside an object argument without echoing its content', async () => {
    const { ipc, handle } = setup();
    handle('hearth:settings:update', vi.fn());

    const error = await ipc
      .invoke('hearth:settings:update', eventFrom(), { theme: 'secret words' })
      .catch((caught: unknown) => caught as Error);
    expect((error as Error).message).toMatch(
      /^\[invalid-argument\] hearth:settings:update\[0\]\.theme/,
    );
    expect((error as Error).message).not.toContain('secret words');
  });

  it.each([
    ['another web page', eventFrom('https://example.com/')],
    ['another file on disk', eventFrom('file:///tmp/other.html')],
    ['a subframe of the app page', eventFrom(APP_PAGE.url, { parent: {} })],
    ['a frame that is gone', eventFrom(APP_PAGE.url, { frameGone: true })],
    ['a web contents Hearth did not create', eventFrom(APP_PAGE.url, { webContentsId: 99 })],
  ])('refuses a request from %s with [forbidden-sender]', async (_name, event) => {
    const { ipc, handle } = setup();
    const list = vi.fn();
    handle('hearth:circles:list', list);

    await expect(ipc.invoke('hearth:circles:list', event)).rejects.toThrow(
      /^\[forbidden-sender\] /,
    );
    expect(list).not.toHaveBeenCalled();
  });

  it('checks the sender before the arguments', async () => {
    const { ipc, handle } = setup();
    handle('hearth:circles:open', vi.fn());

    await expect(
      ipc.invoke('hearth:circles:open', eventFrom('https://example.com/'), 42),
    ).rejects.toThrow(/^\[forbidden-sender\] /);
  });

  it('accepts the app page with a fragment, as a router would leave it', async () => {
    const { ipc, handle } = setup();
    handle(
      'hearth:circles:list',
      vi.fn(() => Promise.resolve([])),
    );

    await expect(
      ipc.invoke('hearth:circles:list', eventFrom(`${APP_PAGE.url}#/circle/x`)),
    ).resolves.toEqual([]);
  });

  it('turns an unexpected error into [internal] without its text or stack, and keeps serving', async () => {
    const { ipc, handle } = setup();
    handle('hearth:circles:list', () => Promise.reject(new Error('EACCES /home/ana/secret')));
    handle(
      'hearth:notices:list',
      vi.fn(() => Promise.resolve([])),
    );

    const error = (await ipc
      .invoke('hearth:circles:list', eventFrom())
      .catch((e: unknown) => e)) as Error;
    expect(error.message).toBe(`[internal] ${INTERNAL_ERROR_MESSAGE}`);
    expect(error.message).not.toContain('EACCES');
    expect(HearthError.fromWire(error.message).kind).toBe('internal');

    await expect(ipc.invoke('hearth:notices:list', eventFrom())).resolves.toEqual([]);
    await expect(ipc.invoke('hearth:circles:list', eventFrom())).rejects.toThrow('[internal]');
  });

  it('turns a synchronous throw into [internal] too', async () => {
    const { ipc, handle } = setup();
    handle('hearth:circles:list', () => {
      throw new TypeError('boom');
    });

    await expect(ipc.invoke('hearth:circles:list', eventFrom())).rejects.toThrow(/^\[internal\] /);
  });

  it('logs an unexpected error in main with its stack', async () => {
    const { ipc, handle } = setup();
    handle('hearth:circles:list', () => Promise.reject(new Error('disk on fire')));

    await ipc.invoke('hearth:circles:list', eventFrom()).catch(() => undefined);
    const record = logs.records.find((r) => r.level === 'error');
    expect(record?.detail?.channel).toBe('hearth:circles:list');
    expect(String(record?.detail?.error)).toContain('disk on fire');
    expect(String(record?.detail?.error)).toContain('at ');
  });

  it('keeps the kind and message of a HearthError the handler throws', async () => {
    const { ipc, handle } = setup();
    handle('hearth:circles:open', () =>
      Promise.reject(new HearthError('not-found', 'That circle is not on this laptop.')),
    );

    await expect(ipc.invoke('hearth:circles:open', eventFrom(), CIRCLE)).rejects.toThrow(
      '[not-found] That circle is not on this laptop.',
    );
  });
});
