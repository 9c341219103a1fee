import { describe, expect, it, vi } from 'vitest';
import type { BrowserWindowConstructorOptions } from 'electron';
import {
  buildWindowOptions,
  createMainWindow,
  WINDOW_BACKGROUND,
  WINDOW_TITLE,
  type BrowserWindowConstructor,
} from '../../../../electron/main/window';
import { APP_PAGE } from '../fakes';

const input = {
  preloadPath: '/opt/hearth/out/preload/index.cjs',
  theme: 'light' as const,
  isDev: false,
};

describe('buildWindowOptions', () => {
  it('applies every item of the security checklist', () => {
    const { webPreferences } = buildWindowOptions(input);

    expect(webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: true,
    });
  });

  it('loads the built CommonJS preload and nothing else', () => {
    expect(buildWindowOptions(input).webPreferences?.preload).toBe(input.preloadPath);
  });

  it('opens hidden on the theme background so nothing flashes white', () => {
    const light = buildWindowOptions(input);
    const dark = buildWindowOptions({ ...input, theme: 'dark' });

    expect(light.show).toBe(false);
    expect(light.backgroundColor).toBe(WINDOW_BACKGROUND.light);
    expect(dark.backgroundColor).toBe(WINDOW_BACKGROUND.dark);
    expect(WINDOW_BACKGROUND.light.toLowerCase()).not.toBe('#ffffff');
  });

  it('has a minimum size and no remembered position', () => {
    const options = buildWindowOptions(input);

    expect(options.minWidth).toBeGreaterThanOrEqual(640);
    expect(options.minHeight).toBeGreaterThanOrEqual(480);
    expect(options.x).toBeUndefined();
    expect(options.y).toBeUndefined();
  });

  it('offers developer tools only in development', () => {
    expect(buildWindowOptions(input).webPreferences?.devTools).toBe(false);
    expect(buildWindowOptions({ ...input, isDev: true }).webPreferences?.devTools).toBe(true);
  });
});

class FakeWindow {
  static created: FakeWindow[] = [];
  readonly listeners = new Map<string, (event: { preventDefault(): void }) => void>();
  loadURL = vi.fn((_url: string) => Promise.resolve());
  show = vi.fn();
  isDestroyed = () => false;

  constructor(readonly options: BrowserWindowConstructorOptions) {
    FakeWindow.created.push(this);
  }

  once(event: string, listener: () => void): this {
    this.listeners.set(event, listener);
    return this;
  }

  on(event: string, listener: (event: { preventDefault(): void }) => void): this {
    this.listeners.set(event, listener);
    return this;
  }
}

describe('createMainWindow', () => {
  it('loads the app page, shows the window once drawn and keeps its own title', () => {
    const window = createMainWindow(
      FakeWindow as unknown as BrowserWindowConstructor,
      APP_PAGE,
      input,
    ) as unknown as FakeWindow;

    expect(window.options.title).toBe(WINDOW_TITLE);
    expect(window.loadURL).toHaveBeenCalledWith(APP_PAGE.url);
    expect(window.show).not.toHaveBeenCalled();
    window.listeners.get('ready-to-show')?.({ preventDefault: vi.fn() });
    expect(window.show).toHaveBeenCalledOnce();

    const titleEvent = { preventDefault: vi.fn() };
    window.listeners.get('page-title-updated')?.(titleEvent);
    expect(titleEvent.preventDefault).toHaveBeenCalled();
  });
});
