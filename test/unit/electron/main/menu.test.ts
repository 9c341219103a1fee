import { describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import {
  buildMenuTemplate,
  MENU_ACCELERATORS,
  MENU_LABELS,
  type MenuTemplateInput,
} from '../../../../electron/main/menu';
import type { MenuCommand } from '../../../../shared/ipc/contract';

function build(overrides: Partial<MenuTemplateInput> = {}) {
  const sendCommand = vi.fn<(command: MenuCommand) => void>();
  const showDataFolder = vi.fn();
  const template = buildMenuTemplate({
    platform: 'linux',
    isDev: false,
    sendCommand,
    showDataFolder,
    ...overrides,
  });
  return { template, sendCommand, showDataFolder };
}

function items(template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return template.flatMap((item) => [
    item,
    ...(Array.isArray(item.submenu) ? items(item.submenu) : []),
  ]);
}

function byLabel(
  template: MenuItemConstructorOptions[],
  label: string,
): MenuItemConstructorOptions {
  const found = items(template).find((item) => item.label === label);
  if (found === undefined) throw new Error(`no menu item labelled ${label}`);
  return found;
}

function click(item: MenuItemConstructorOptions): void {
  (item.click as () => void)();
}

const roles = (template: MenuItemConstructorOptions[]) =>
  items(template).flatMap((item) => (item.role === undefined ? [] : [item.role]));

describe('the application menu', () => {
  it.each([
    [MENU_LABELS.newCircle, 'CmdOrCtrl+Shift+N', 'new-circle'],
    [MENU_LABELS.newMeeting, 'CmdOrCtrl+Shift+M', 'new-meeting'],
    [MENU_LABELS.newEntry, 'CmdOrCtrl+N', 'new-entry'],
    [MENU_LABELS.toggleTheme, MENU_ACCELERATORS.toggleTheme, 'toggle-theme'],
    [MENU_LABELS.find, 'CmdOrCtrl+F', 'focus-search'],
    [MENU_LABELS.settings, 'CmdOrCtrl+,', 'open-settings'],
    [MENU_LABELS.invite, undefined, 'invite'],
    [MENU_LABELS.joinCircle, undefined, 'join-circle'],
  ] as const)('%s has %s and sends %s to the renderer', (label, accelerator, command) => {
    const { template, sendCommand } = build();
    const item = byLabel(template, label);

    expect(item.accelerator).toBe(accelerator);
    click(item);
    expect(sendCommand).toHaveBeenCalledExactlyOnceWith(command);
  });

  it('has File, Edit, View, Window and Help menus, in that order, off macOS', () => {
    const { template } = build();
    expect(template.map((menu) => menu.label)).toEqual(['File', 'Edit', 'View', 'Window', 'Help']);
  });

  it('puts the app menu first on macOS, with Settings and Quit in it', () => {
    const { template } = build({ platform: 'darwin' });
    const [appMenu] = template;

    expect(appMenu?.role).toBe('appMenu');
    const inAppMenu = items([appMenu!]);
    expect(inAppMenu.some((item) => item.label === MENU_LABELS.settings)).toBe(true);
    expect(inAppMenu.some((item) => item.role === 'quit')).toBe(true);
    expect(roles(template).filter((role) => role === 'quit')).toHaveLength(1);
  });

  it('ends the File menu with Quit off macOS and Close on macOS', () => {
    const fileOf = (platform: NodeJS.Platform) =>
      build({ platform }).template.find((menu) => menu.label === 'File')!
        .submenu as MenuItemConstructorOptions[];
    expect(fileOf('linux').at(-1)?.role).toBe('quit');
    expect(fileOf('win32').at(-1)?.role).toBe('quit');
    expect(fileOf('darwin').at(-1)?.role).toBe('close');
  });

  it('offers the usual editing roles', () => {
    const { template } = build();
    expect(roles(template)).toEqual(
      expect.arrayContaining(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']),
    );
  });

  it('offers zoom and full screen, but developer tools and reload only in development', () => {
    const production = roles(build().template);
    const development = roles(build({ isDev: true }).template);

    expect(production).toEqual(
      expect.arrayContaining(['resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen']),
    );
    expect(production).not.toContain('toggleDevTools');
    expect(production).not.toContain('reload');
    expect(development).toEqual(expect.arrayContaining(['toggleDevTools', 'reload']));
  });

  it('shows the data folder from the Help menu without asking the renderer', () => {
    const { template, sendCommand, showDataFolder } = build();
    click(byLabel(template, MENU_LABELS.showDataFolder));

    expect(showDataFolder).toHaveBeenCalledOnce();
    expect(sendCommand).not.toHaveBeenCalled();
  });

  it('sends every menu command the contract knows, and no other', () => {
    const { template, sendCommand } = build();
    for (const item of items(template)) if (item.click !== undefined) click(item);

    const sent = sendCommand.mock.calls.map(([command]) => command).sort();
    expect(sent).toEqual(
      [
        'focus-search',
        'invite',
        'join-circle',
        'new-circle',
        'new-entry',
        'new-meeting',
        'open-settings',
        'toggle-theme',
        'export',
        'back-up',
        'restore',
        'import-markdown',
      ].sort(),
    );
  });
});

describe('the menu in the member’s language', () => {
  it('has the English labels of en.json', async () => {
    const { default: en } = await import('../../../../resources/locales/en.json');
    expect(en.desktop.menu).toEqual(MENU_LABELS);
  });

  it('shows the labels it is given (Spanish), roles keeping their own', async () => {
    const { translator } = await import('../../../../shared/i18n/translate');
    const { menuLabels } = await import('../../../../electron/main/menu');
    const { default: en } = await import('../../../../resources/locales/en.json');
    const { default: es } = await import('../../../../resources/locales/es.json');
    const { template } = build({ labels: menuLabels(translator({ en, es }, 'es')) });
    expect(template.map((item) => item.label ?? item.role)).toEqual([
      'Archivo',
      'Edición',
      'Ver',
      'Ventana',
      'Ayuda',
    ]);
    expect(byLabel(template, 'Nueva entrada').accelerator).toBe(MENU_ACCELERATORS.newEntry);
  });

  it('Help → Copy Diagnostics copies them, when the app offers it', () => {
    const copyDiagnostics = vi.fn();
    const { template } = build({ copyDiagnostics });
    click(byLabel(template, MENU_LABELS.copyDiagnostics));
    expect(copyDiagnostics).toHaveBeenCalledOnce();
    expect(() => byLabel(build().template, MENU_LABELS.copyDiagnostics)).toThrow();
  });
});
