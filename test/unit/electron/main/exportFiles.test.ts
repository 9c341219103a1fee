import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Dialog } from 'electron';
import { createDesktopSaveShell } from '../../../../electron/main/exportFiles';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

function fakeDialog(answer: {
  save?: string;
  open?: string;
}): Pick<Dialog, 'showSaveDialog' | 'showOpenDialog'> {
  return {
    showSaveDialog: () =>
      Promise.resolve({
        canceled: answer.save === undefined,
        filePath: answer.save ?? '',
      }),
    showOpenDialog: () =>
      Promise.resolve({
        canceled: answer.open === undefined,
        filePaths: answer.open === undefined ? [] : [answer.open],
      }),
  };
}

describe('the desktop save shell', () => {
  it('writes where the member chose in the save dialog', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hearth-shell-'));
    dirs.push(dir);
    const target = join(dir, 'chosen.html');
    const shell = createDesktopSaveShell({
      dialog: fakeDialog({ save: target }),
      window: () => null,
      documentsDir: dir,
      printPdf: () => Promise.reject(new Error('not used')),
    });
    const outcome = await shell.save({
      files: [{ path: 'circle.html', contents: '<p>hi</p>' }],
      suggestedName: 'circle.html',
      folder: false,
      mediaType: 'text/html',
    });
    expect(outcome).toEqual({ kind: 'saved', fileCount: 1 });
    expect(await readFile(target, 'utf8')).toBe('<p>hi</p>');
  });

  it('saves nothing when the dialog is closed, and reads the backup the member picks', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hearth-shell-'));
    dirs.push(dir);
    const backup = join(dir, 'circle.hearthbackup');
    await writeFile(backup, Buffer.from('HEARTHBK...'));
    const closed = createDesktopSaveShell({
      dialog: fakeDialog({}),
      window: () => null,
      documentsDir: dir,
      printPdf: () => Promise.reject(new Error('not used')),
    });
    expect(
      await closed.save({
        files: [{ path: 'a.md', contents: 'a' }],
        suggestedName: 'a.md',
        folder: false,
        mediaType: 'text/markdown',
      }),
    ).toEqual({ kind: 'dismissed' });
    expect(await closed.chooseBackup()).toBeNull();
    const picking = createDesktopSaveShell({
      dialog: fakeDialog({ open: backup }),
      window: () => null,
      documentsDir: dir,
      printPdf: () => Promise.reject(new Error('not used')),
    });
    expect(new TextDecoder().decode((await picking.chooseBackup())!)).toBe('HEARTHBK...');
  });
});

describe('the save dialog’s words', () => {
  it('names the file type in the member’s language, English when none is given', async () => {
    const seen: Electron.SaveDialogOptions[] = [];
    const dialog: Pick<Dialog, 'showSaveDialog' | 'showOpenDialog'> = {
      showSaveDialog: (...args: unknown[]) => {
        seen.push(args.at(-1) as Electron.SaveDialogOptions);
        return Promise.resolve({ canceled: true, filePath: '' });
      },
      showOpenDialog: () => Promise.resolve({ canceled: true, filePaths: [] }),
    };
    const request = {
      files: [{ path: 'record.html', contents: new Uint8Array() }],
      suggestedName: 'record.html',
      folder: false,
      mediaType: 'text/html',
    };
    const base = {
      dialog,
      window: () => null,
      documentsDir: '/docs',
      printPdf: () => Promise.reject(new Error('unused')),
    };
    await createDesktopSaveShell({ ...base, fileTypeNames: () => ({ html: 'Página web' }) }).save(
      request,
    );
    await createDesktopSaveShell(base).save(request);
    expect(seen.map((options) => options.filters)).toEqual([
      [{ name: 'Página web', extensions: ['html'] }],
      [{ name: 'Web page', extensions: ['html'] }],
    ]);
  });
});
