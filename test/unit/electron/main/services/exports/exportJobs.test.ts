import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  openHearthServices,
  type HearthServices,
} from '../../../../../../electron/main/services/hearthServices';
import { FileKeyVault } from '../../../../../../electron/main/services/keys/fileKeyVault';
import {
  downloadShell,
  type SaveRequest,
  type SaveShell,
} from '../../../../../../electron/main/services/exports/saveShell';
import { DEFAULT_EXPORT_OPTIONS } from '../../../../../../shared/export/exportOptions';
import { markdownEntryUpdate } from '../../../../../../shared/export/markdownImport';
import { checkInvokeArguments } from '../../../../../../shared/ipc/arguments';
import type { CircleSummary, ExportProgress } from '../../../../../../shared/ipc/contract';
import { CircleIndex } from '../../../../../../shared/notebook/circleIndex';
import { INDEX_DOC_ID, entryDocId } from '../../../../../../shared/notebook/ids';

const dirs: string[] = [];
const backends: HearthServices[] = [];
afterEach(async () => {
  for (const backend of backends.splice(0)) await backend.close().catch(() => undefined);
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function laptop(
  shell?: SaveShell,
): Promise<{ backend: HearthServices; progress: ExportProgress[] }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'hearth-export-'));
  dirs.push(dataDir);
  const progress: ExportProgress[] = [];
  const backend = await openHearthServices({
    dataDir,
    keyVault: FileKeyVault.inDataDir(dataDir),
    appInfo: { mode: 'browser', version: 'test' },
    emit: (channel, payload) => {
      if (channel === 'hearth:export:progress') progress.push(payload as ExportProgress);
    },
    ...(shell === undefined ? {} : { saveShell: shell }),
  });
  backends.push(backend);
  return { backend, progress };
}

async function circleWith(backend: HearthServices, entries: number): Promise<CircleSummary> {
  const { handlers } = backend;
  const summary = await handlers['hearth:circles:create']({
    name: 'Export circle',
    memberName: 'Ana',
    colour: 'lake',
  });
  const opened = await handlers['hearth:circles:open'](summary.id);
  const ydoc = new Y.Doc();
  Y.applyUpdate(ydoc, (await handlers['hearth:docs:load'](summary.id, INDEX_DOC_ID))!);
  const index = new CircleIndex(ydoc);
  const meetingId = index.addMeeting({
    title: 'Monday',
    date: '2026-02-02',
    prompts: [],
    createdBy: null,
  });
  const appends: Promise<void>[] = [];
  for (let i = 0; i < entries; i++) {
    const entryId = index.addEntry({
      meetingId,
      authorId: opened.profile.memberId,
      visibility: 'circle',
    });
    appends.push(
      handlers['hearth:docs:append'](
        summary.id,
        entryDocId(entryId),
        markdownEntryUpdate(`entry number ${i}`),
      ),
    );
  }
  await Promise.all(appends);
  await handlers['hearth:docs:append'](summary.id, INDEX_DOC_ID, Y.encodeStateAsUpdate(ydoc));
  return summary;
}

const request = (
  circleId: CircleSummary['id'],
  format: 'markdown' | 'markdown-folder' | 'pdf',
) => ({
  circleId,
  format,
  options: DEFAULT_EXPORT_OPTIONS,
});

describe('export jobs', () => {
  it('builds the export in main, reports progress to the end and hands back a download', async () => {
    const { backend, progress } = await laptop();
    const circle = await circleWith(backend, 40);
    const outcome = await backend.handlers['hearth:export:save'](
      'job-aaaa-1',
      request(circle.id, 'markdown'),
    );
    expect(outcome).toMatchObject({ kind: 'download', name: 'export-circle.md' });
    const text = outcome.kind === 'download' ? new TextDecoder().decode(outcome.bytes) : '';
    expect(text).toContain('entry number 0');
    expect(text).toContain('entry number 39');
    expect(progress.at(-1)).toEqual({ jobId: 'job-aaaa-1', done: 40, total: 40 });
  });

  it('stops a cancelled export between entries and saves nothing', async () => {
    const saved: SaveRequest[] = [];
    const shell: SaveShell = {
      ...downloadShell(),
      save: (req) => {
        saved.push(req);
        return Promise.resolve({ kind: 'saved', fileCount: req.files.length });
      },
    };
    const { backend } = await laptop(shell);
    const circle = await circleWith(backend, 60);
    const running = backend.handlers['hearth:export:save'](
      'job-bbbb-2',
      request(circle.id, 'markdown'),
    );
    await backend.handlers['hearth:export:cancel']('job-bbbb-2');
    expect(await running).toEqual({ kind: 'cancelled' });
    expect(saved).toEqual([]);
  });

  it('says a PDF needs a printer where the shell has none', async () => {
    const { backend } = await laptop();
    const circle = await circleWith(backend, 1);
    expect(
      await backend.handlers['hearth:export:save']('job-cccc-3', request(circle.id, 'pdf')),
    ).toEqual({
      kind: 'pdf-unavailable',
    });
  });

  it('prints a PDF through the shell’s printer and saves its bytes', async () => {
    const printed: string[] = [];
    const shell = downloadShell((html) => {
      printed.push(html);
      return Promise.resolve(new TextEncoder().encode('%PDF-fake'));
    });
    const { backend } = await laptop(shell);
    const circle = await circleWith(backend, 2);
    const outcome = await backend.handlers['hearth:export:save'](
      'job-dddd-4',
      request(circle.id, 'pdf'),
    );
    expect(outcome).toMatchObject({
      kind: 'download',
      name: 'export-circle.pdf',
      mediaType: 'application/pdf',
    });
    expect(printed[0]).toContain('entry number 1');
  });

  it('sends a folder export to a browser as one zip', async () => {
    const { backend } = await laptop();
    const circle = await circleWith(backend, 2);
    const outcome = await backend.handlers['hearth:export:save'](
      'job-eeee-5',
      request(circle.id, 'markdown-folder'),
    );
    expect(outcome).toMatchObject({
      kind: 'download',
      name: 'export-circle.zip',
      mediaType: 'application/zip',
    });
  });

  it('refuses malformed export requests before any handler runs', () => {
    const circleId = 'A'.repeat(22);
    const good = { circleId, format: 'html', options: DEFAULT_EXPORT_OPTIONS };
    expect(checkInvokeArguments('hearth:export:save', ['job-ffff-6', good]).ok).toBe(true);
    const bad = [
      ['job', good],
      ['job-ffff-6', { ...good, format: 'docx' }],
      [
        'job-ffff-6',
        {
          ...good,
          options: {
            ...DEFAULT_EXPORT_OPTIONS,
            meetings: { kind: 'range', from: '2026-05-01', to: '2026-01-01' },
          },
        },
      ],
      ['job-ffff-6', { ...good, options: { ...DEFAULT_EXPORT_OPTIONS, authors: 'everyone' } }],
      ['job-ffff-6', { ...good, options: { ...DEFAULT_EXPORT_OPTIONS, extra: true } }],
    ];
    for (const args of bad) expect(checkInvokeArguments('hearth:export:save', args).ok).toBe(false);
  });
});
