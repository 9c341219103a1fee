/**
 * The application menu. Items that act on the notebook send a `MenuCommand` to the
 * renderer (over the `hearth:menu:command` event), which carries it out; editing, zoom
 * and window items use Electron's built-in roles. Labels live in {@link MENU_LABELS}.
 *
 * The Edit menu's undo and redo roles reach the editor as `historyUndo`/`historyRedo`
 * input events, which Lexical turns into its undo commands (Yjs's undo in a shared entry).
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { Translate } from '../../shared/i18n/translate';
import type { MenuCommand } from '../../shared/ipc/contract';

/**
 * Every menu label Hearth writes itself, in English (native menus; roles bring their
 * own). The labels shown come from the locale files (`desktop.menu.*`, see
 * {@link menuLabels}); these are the English ones, which a test keeps equal to en.json.
 */
export const MENU_LABELS = {
  file: 'File',
  newCircle: 'New Circle…',
  newMeeting: 'New Meeting',
  newEntry: 'New Entry',
  invite: 'Invite to This Circle…',
  joinCircle: 'Join a Circle…',
  exportCircle: 'Export…',
  backUpCircle: 'Back Up Circle…',
  restoreCircle: 'Restore Circle…',
  importMarkdown: 'Import Markdown…',
  settings: 'Settings…',
  edit: 'Edit',
  view: 'View',
  toggleTheme: 'Toggle Light/Dark',
  find: 'Find…',
  window: 'Window',
  help: 'Help',
  showDataFolder: 'Show Hearth’s Data Folder',
  copyDiagnostics: 'Copy Diagnostics',
} as const;

/** The menu's labels in one language. */
export type MenuLabels = Record<keyof typeof MENU_LABELS, string>;

/** The labels in the language of `t` (keys `desktop.menu.<name>`). */
export function menuLabels(t: Translate): MenuLabels {
  return Object.fromEntries(
    Object.keys(MENU_LABELS).map((name) => [name, t(`desktop.menu.${name}`)]),
  ) as MenuLabels;
}

/** Keyboard shortcuts of Hearth's own menu items. */
export const MENU_ACCELERATORS = {
  newCircle: 'CmdOrCtrl+Shift+N',
  newMeeting: 'CmdOrCtrl+Shift+M',
  newEntry: 'CmdOrCtrl+N',
  settings: 'CmdOrCtrl+,',
  toggleTheme: 'CmdOrCtrl+Shift+L',
  find: 'CmdOrCtrl+F',
} as const;

/** What the menu needs from the running app. */
export interface MenuTemplateInput {
  platform: NodeJS.Platform;
  /** Adds reload and developer tools to the View menu. */
  isDev: boolean;
  /** Delivers a command to the renderer. */
  sendCommand(command: MenuCommand): void;
  /** Opens the folder where Hearth keeps its (encrypted) files. */
  showDataFolder(): void;
  /** Copies versions, settings and the log's last lines (Help menu); absent: no item. */
  copyDiagnostics?: () => void;
  /** The labels to show; English ({@link MENU_LABELS}) when absent. */
  labels?: MenuLabels;
}

const separator: MenuItemConstructorOptions = { type: 'separator' };
const ENGLISH_LABELS: MenuLabels = MENU_LABELS;

/** Builds the menu template for `platform`; pure, so tests can read every item. */
export function buildMenuTemplate(input: MenuTemplateInput): MenuItemConstructorOptions[] {
  const isMac = input.platform === 'darwin';
  const labels = input.labels ?? ENGLISH_LABELS;
  const command = (
    label: string,
    name: MenuCommand,
    accelerator?: string,
  ): MenuItemConstructorOptions => ({
    label,
    ...(accelerator === undefined ? {} : { accelerator }),
    click: () => {
      input.sendCommand(name);
    },
  });
  const settings = command(labels.settings, 'open-settings', MENU_ACCELERATORS.settings);

  const appMenu: MenuItemConstructorOptions = {
    role: 'appMenu',
    submenu: [
      { role: 'about' },
      separator,
      settings,
      separator,
      { role: 'services' },
      separator,
      { role: 'hide' },
      { role: 'hideOthers' },
      { role: 'unhide' },
      separator,
      { role: 'quit' },
    ],
  };

  const fileMenu: MenuItemConstructorOptions = {
    label: labels.file,
    submenu: [
      command(labels.newCircle, 'new-circle', MENU_ACCELERATORS.newCircle),
      command(labels.newMeeting, 'new-meeting', MENU_ACCELERATORS.newMeeting),
      command(labels.newEntry, 'new-entry', MENU_ACCELERATORS.newEntry),
      separator,
      command(labels.invite, 'invite'),
      command(labels.joinCircle, 'join-circle'),
      separator,
      command(labels.importMarkdown, 'import-markdown'),
      command(labels.exportCircle, 'export'),
      separator,
      command(labels.backUpCircle, 'back-up'),
      command(labels.restoreCircle, 'restore'),
      separator,
      ...(isMac ? [{ role: 'close' } as const] : [settings, separator, { role: 'quit' } as const]),
    ],
  };

  const editMenu: MenuItemConstructorOptions = {
    label: labels.edit,
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      separator,
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      ...(isMac ? [{ role: 'pasteAndMatchStyle' } as const] : []),
      { role: 'delete' },
      separator,
      { role: 'selectAll' },
    ],
  };

  // Reloading drops the renderer's live documents, so it is a developer's tool only.
  const developerItems: MenuItemConstructorOptions[] = input.isDev
    ? [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, separator]
    : [];

  const viewMenu: MenuItemConstructorOptions = {
    label: labels.view,
    submenu: [
      command(labels.toggleTheme, 'toggle-theme', MENU_ACCELERATORS.toggleTheme),
      command(labels.find, 'focus-search', MENU_ACCELERATORS.find),
      separator,
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      separator,
      ...developerItems,
      { role: 'togglefullscreen' },
    ],
  };

  const windowMenu: MenuItemConstructorOptions = {
    label: labels.window,
    role: 'windowMenu',
  };

  const helpMenu: MenuItemConstructorOptions = {
    label: labels.help,
    role: 'help',
    submenu: [
      {
        label: labels.showDataFolder,
        click: () => {
          input.showDataFolder();
        },
      },
      ...(input.copyDiagnostics === undefined
        ? []
        : [
            {
              label: labels.copyDiagnostics,
              click: () => {
                input.copyDiagnostics?.();
              },
            },
          ]),
      // macOS shows About in the app menu.
      ...(isMac ? [] : [separator, { role: 'about' } as const]),
    ],
  };

  return [...(isMac ? [appMenu] : []), fileMenu, editMenu, viewMenu, windowMenu, helpMenu];
}
