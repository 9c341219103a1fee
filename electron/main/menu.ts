/**
 * The application menu. Items that act on the notebook send a `MenuCommand` to the
 * renderer (over the `hearth:menu:command` event), which carries it out; editing, zoom
 * and window items use Electron's built-in roles. Labels live in {@link MENU_LABELS}.
 *
 * The Edit menu's undo and redo roles reach the editor as `historyUndo`/`historyRedo`
 * input events, which Lexical turns into its undo commands (Yjs's undo in a shared entry).
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../../shared/ipc/contract';

/** Every menu label Hearth writes itself (native menus; roles bring their own). */
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
} as const;

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
}

const separator: MenuItemConstructorOptions = { type: 'separator' };

/** Builds the menu template for `platform`; pure, so tests can read every item. */
export function buildMenuTemplate(input: MenuTemplateInput): MenuItemConstructorOptions[] {
  const isMac = input.platform === 'darwin';
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
  const settings = command(MENU_LABELS.settings, 'open-settings', MENU_ACCELERATORS.settings);

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
    label: MENU_LABELS.file,
    submenu: [
      command(MENU_LABELS.newCircle, 'new-circle', MENU_ACCELERATORS.newCircle),
      command(MENU_LABELS.newMeeting, 'new-meeting', MENU_ACCELERATORS.newMeeting),
      command(MENU_LABELS.newEntry, 'new-entry', MENU_ACCELERATORS.newEntry),
      separator,
      command(MENU_LABELS.invite, 'invite'),
      command(MENU_LABELS.joinCircle, 'join-circle'),
      separator,
      command(MENU_LABELS.importMarkdown, 'import-markdown'),
      command(MENU_LABELS.exportCircle, 'export'),
      separator,
      command(MENU_LABELS.backUpCircle, 'back-up'),
      command(MENU_LABELS.restoreCircle, 'restore'),
      separator,
      ...(isMac ? [{ role: 'close' } as const] : [settings, separator, { role: 'quit' } as const]),
    ],
  };

  const editMenu: MenuItemConstructorOptions = {
    label: MENU_LABELS.edit,
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
    label: MENU_LABELS.view,
    submenu: [
      command(MENU_LABELS.toggleTheme, 'toggle-theme', MENU_ACCELERATORS.toggleTheme),
      command(MENU_LABELS.find, 'focus-search', MENU_ACCELERATORS.find),
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
    label: MENU_LABELS.window,
    role: 'windowMenu',
  };

  const helpMenu: MenuItemConstructorOptions = {
    label: MENU_LABELS.help,
    role: 'help',
    submenu: [
      {
        label: MENU_LABELS.showDataFolder,
        click: () => {
          input.showDataFolder();
        },
      },
      // macOS shows About in the app menu.
      ...(isMac ? [] : [separator, { role: 'about' } as const]),
    ],
  };

  return [...(isMac ? [appMenu] : []), fileMenu, editMenu, viewMenu, windowMenu, helpMenu];
}
