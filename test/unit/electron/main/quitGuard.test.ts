import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createQuitGuard } from '../../../../electron/main/quitGuard';
import { captureLogs } from '../fakes';

let logs: ReturnType<typeof captureLogs>;
beforeEach(() => {
  logs = captureLogs();
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
  logs.restore();
});

function deferred() {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const quitEvent = () => ({ preventDefault: vi.fn() });

describe('the quit guard', () => {
  it('holds the quit until the backend has closed, then quits once', async () => {
    const closing = deferred();
    const close = vi.fn(() => closing.promise);
    const quit = vi.fn();
    const guard = createQuitGuard({ close, quit });

    const first = quitEvent();
    guard(first);
    expect(first.preventDefault).toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(0);
    expect(close).toHaveBeenCalledOnce();
    expect(quit).not.toHaveBeenCalled();

    closing.resolve();
    await vi.advanceTimersByTimeAsync(0);
    expect(quit).toHaveBeenCalledOnce();

    const afterClose = quitEvent();
    guard(afterClose);
    expect(afterClose.preventDefault).not.toHaveBeenCalled();
  });

  it('keeps holding a second quit request while closing, without closing twice', async () => {
    const closing = deferred();
    const close = vi.fn(() => closing.promise);
    const guard = createQuitGuard({ close, quit: vi.fn() });

    guard(quitEvent());
    const second = quitEvent();
    guard(second);
    await vi.advanceTimersByTimeAsync(0);

    expect(second.preventDefault).toHaveBeenCalled();
    expect(close).toHaveBeenCalledOnce();
  });

  it('still quits when closing fails, and logs why', async () => {
    const quit = vi.fn();
    const guard = createQuitGuard({ close: () => Promise.reject(new Error('disk gone')), quit });

    guard(quitEvent());
    await vi.advanceTimersByTimeAsync(0);

    expect(quit).toHaveBeenCalledOnce();
    expect(JSON.stringify(logs.records)).toContain('disk gone');
  });

  it('still quits when closing throws at once', async () => {
    const quit = vi.fn();
    const guard = createQuitGuard({
      close: () => {
        throw new Error('sync failure');
      },
      quit,
    });

    guard(quitEvent());
    await vi.advanceTimersByTimeAsync(0);
    expect(quit).toHaveBeenCalledOnce();
  });

  it('gives up on a close that hangs, so Hearth can always be quit', async () => {
    const quit = vi.fn();
    const guard = createQuitGuard({
      close: () => new Promise(() => undefined),
      quit,
      timeoutMs: 500,
    });

    guard(quitEvent());
    await vi.advanceTimersByTimeAsync(499);
    expect(quit).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(quit).toHaveBeenCalledOnce();
  });
});
