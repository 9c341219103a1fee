import { describe, expect, it, vi } from 'vitest';
import { createKeepAwake } from '../../../../electron/main/keepAwake';
import { applyNativeTheme } from '../../../../electron/main/desktopSettings';

function fakeBlocker() {
  const started = new Set<number>();
  let next = 1;
  return {
    started,
    start: vi.fn((_type: 'prevent-app-suspension' | 'prevent-display-sleep') => {
      started.add(next);
      return next++;
    }),
    stop: vi.fn((id: number) => started.delete(id)),
    isStarted: vi.fn((id: number) => started.has(id)),
  };
}

describe('keeping the display on during a round', () => {
  it('holds one prevent-display-sleep blocker however often it is asked, and releases it', () => {
    const blocker = fakeBlocker();
    const keepAwake = createKeepAwake(blocker);
    keepAwake.set(true);
    keepAwake.set(true);
    expect(blocker.start).toHaveBeenCalledOnce();
    expect(blocker.start).toHaveBeenCalledWith('prevent-display-sleep');
    expect(keepAwake.active).toBe(true);
    keepAwake.set(false);
    expect(blocker.stop).toHaveBeenCalledWith(1);
    expect(blocker.started.size).toBe(0);
    expect(keepAwake.active).toBe(false);
    keepAwake.set(false);
    expect(blocker.stop).toHaveBeenCalledOnce();
  });

  it('starts a new blocker for the next round', () => {
    const blocker = fakeBlocker();
    const keepAwake = createKeepAwake(blocker);
    keepAwake.set(true);
    keepAwake.set(false);
    keepAwake.set(true);
    expect(blocker.start).toHaveBeenCalledTimes(2);
    expect([...blocker.started]).toEqual([2]);
  });
});

describe('the native theme', () => {
  it('follows the theme setting, system included', () => {
    const nativeTheme = { themeSource: 'system' as 'system' | 'light' | 'dark' };
    applyNativeTheme(nativeTheme, 'dark');
    expect(nativeTheme.themeSource).toBe('dark');
    applyNativeTheme(nativeTheme, 'light');
    expect(nativeTheme.themeSource).toBe('light');
    applyNativeTheme(nativeTheme, 'system');
    expect(nativeTheme.themeSource).toBe('system');
  });
});
