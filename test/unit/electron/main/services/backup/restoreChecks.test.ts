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
import { ITERATION_BOUNDS, sealBackupFile } from '../../../../../../shared/backup/backupFile';
import { encodeBackupPayload } from '../../../../../../shared/backup/backupPayload';
import { writeMarkdownIntoEntry } from '../../../../../../shared/export/markdownImport';
import { setLogSink } from '../../../../../../shared/log';
import type { CircleId, DocId, MemberId } from '../../../../../../shared/notebook/ids';
import { seededRandom } from '../../../../../helpers/seededRandom';
import { folderPrint } from '../../../../../helpers/folderPrint';

const PASSPHRASE = 'lantern kettle harbour seven';
const dirs: string[] = [];
const backends: HearthServices[] = [];

afterEach(async () => {
  for (const backend of backends.splice(0)) await backend.close().catch(() => undefined);
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

/** An entry state with bits flipped so that it still decodes, but `broken` says it is bad. */
function damagedState(broken: (state: Uint8Array) => boolean): Uint8Array {
  const entry = new Y.Doc();
  entry.clientID = 4242;
  writeMarkdownIntoEntry(entry, '# One\n\nfirst words and **more** words\n\n- a\n- b');
  const state = Y.encodeStateAsUpdate(entry);
  const random = seededRandom(11);
  for (let attempt = 0; attempt < 100_000; attempt++) {
    const out = Uint8Array.from(state);
    for (let n = random.int(1, 3); n > 0; n--)
      out[random.int(0, out.length - 1)]! ^= 1 << random.int(0, 7);
    try {
      Y.decodeUpdate(out);
    } catch {
      continue;
    }
    if (broken(out)) return out;
  }
  throw new Error('no such state found');
}

const throwsOnApply = (state: Uint8Array): boolean => {
  try {
    Y.applyUpdate(new Y.Doc(), state);
    return false;
  } catch {
    return true;
  }
};
const appliesInPart = (state: Uint8Array): boolean => {
  const ydoc = new Y.Doc();
  try {
    Y.applyUpdate(ydoc, state);
  } catch {
    return false;
  }
  return ydoc.store.pendingStructs !== null || ydoc.store.pendingDs !== null;
};

describe('restoring a backup whose documents were changed (found by test/fuzz/backupFiles.ts)', () => {
  it.each([
    ['Yjs refuses to apply', throwsOnApply],
    ['Yjs applies only in part', appliesInPart],
  ] as const)(
    'refuses a document that decodes but %s, and changes nothing on disk',
    async (_what, broken) => {
      const restore = setLogSink(() => undefined);
      try {
        const dataDir = await mkdtemp(join(tmpdir(), 'hearth-restore-'));
        dirs.push(dataDir);
        const backend = await openHearthServices({
          dataDir,
          keyVault: FileKeyVault.inDataDir(dataDir),
          appInfo: { mode: 'browser', version: 'test' },
          emit: () => undefined,
        });
        backends.push(backend);
        const docs = new Map<DocId, Uint8Array>([
          ['index' as DocId, Y.encodeStateAsUpdate(new Y.Doc())],
          ['AAAAAAAAAAAAAAAAAAAAAA' as DocId, damagedState(broken)],
        ]);
        const payload = encodeBackupPayload({
          createdAt: 1,
          circle: {
            circleId: 'BBBBBBBBBBBBBBBBBBBBBB' as CircleId,
            name: 'Harbour circle',
            memberId: 'CCCCCCCCCCCCCCCCCCCCCC' as MemberId,
            memberName: 'Ana',
            colour: 'lake',
            circleKey: 'D'.repeat(43),
            createdAt: 1,
            inviteEndpoints: [],
          },
          docs,
        });
        const file = await sealBackupFile(payload, PASSPHRASE, ITERATION_BOUNDS.min);
        const before = await folderPrint(dataDir);

        const outcome = await backend.handlers['hearth:backup:restore'](PASSPHRASE, file);

        expect(outcome).toEqual({ kind: 'refused', reason: 'damaged' });
        expect(await folderPrint(dataDir)).toBe(before);
      } finally {
        restore();
      }
    },
  );
});
