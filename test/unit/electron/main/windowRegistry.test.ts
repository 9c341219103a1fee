import { describe, expect, it } from 'vitest';
import { createWindowRegistry, type TrackedWindow } from '../../../../electron/main/windowRegistry';

function fakeWindow(id: number) {
  let onClosed: (() => void) | undefined;
  const window: TrackedWindow & { close(): void } = {
    webContents: { id },
    once: (_event, listener) => {
      onClosed = listener;
    },
    close: () => onClosed?.(),
  };
  return window;
}

describe('the window registry', () => {
  it('trusts the web contents of a tracked window until it closes', () => {
    const registry = createWindowRegistry<ReturnType<typeof fakeWindow>>();
    const window = registry.track(fakeWindow(7));

    expect(registry.ownsWebContents(7)).toBe(true);
    expect(registry.ownsWebContents(8)).toBe(false);
    expect(registry.all()).toEqual([window]);

    window.close();
    expect(registry.ownsWebContents(7)).toBe(false);
    expect(registry.all()).toEqual([]);
  });
});
