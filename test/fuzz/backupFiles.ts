/**
 * Fuzz target: backup files handed to `hearth:backup:restore` (format in
 * shared/backup/backupFile.ts). A real backup is made once from a circle with entries
 * (PBKDF2 at the lowest iteration count a reader accepts, so a case costs ~0.1 s and not
 * ~0.5 s), with ids and client ids drawn from the seed. Each case restores, on a laptop that does not have the circle, either:
 * - the file damaged on disk (./fileDamage.ts) with the right passphrase;
 * - the right file with a wrong passphrase;
 * - a payload changed by someone who knows the passphrase (manifest fields, document
 *   lengths and bytes), sealed again properly.
 *
 * Crashes: anything thrown. Violations: a refusal that changed any file under the data
 * folder (compared by hash before and after); a damaged file or a wrong passphrase that
 * was restored; a restored circle whose documents Yjs cannot apply, or applies only in part.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import {
  openHearthServices,
  type HearthServices,
} from '../../electron/main/services/hearthServices';
import { FileKeyVault } from '../../electron/main/services/keys/fileKeyVault';
import { ITERATION_BOUNDS, sealBackupFile } from '../../shared/backup/backupFile';
import { encodeBackupPayload } from '../../shared/backup/backupPayload';
import { toBase64Url } from '../../shared/crypto/base64url';
import { writeMarkdownIntoEntry } from '../../shared/export/markdownImport';
import { setLogSink } from '../../shared/log';
import { CircleIndex } from '../../shared/notebook/circleIndex';
import {
  entryDocId,
  INDEX_DOC_ID,
  type CircleId,
  type DocId,
  type EntryId,
  type MemberId,
} from '../../shared/notebook/ids';
import { seededId } from '../helpers/circleReplicas';
import type { SeededRandom } from '../helpers/seededRandom';
import { damageFile } from './fileDamage';
import { Tally, type FuzzTarget, type PreparedTarget } from './fuzzTarget';
import { folderPrint } from '../helpers/folderPrint';

const PASSPHRASE = 'lantern kettle harbour seven';
const ITERATIONS = ITERATION_BOUNDS.min;

async function laptop(
  work: string,
  name: string,
): Promise<{ dataDir: string; backend: HearthServices }> {
  const dataDir = join(work, name);
  const backend = await openHearthServices({
    dataDir,
    keyVault: FileKeyVault.inDataDir(dataDir),
    appInfo: { mode: 'browser', version: 'fuzz' },
    emit: () => undefined,
    backupIterations: ITERATIONS,
  });
  return { dataDir, backend };
}

// The payload with one change a passphrase holder could make.
function changedPayload(random: SeededRandom, payload: Uint8Array): Uint8Array {
  const view = new DataView(payload.buffer, payload.byteOffset, payload.byteLength);
  const manifestLength = view.getUint32(0);
  const manifest = JSON.parse(
    new TextDecoder().decode(payload.subarray(4, 4 + manifestLength)),
  ) as {
    circle: Record<string, unknown>;
    docs: { id: string; bytes: number }[];
  } & Record<string, unknown>;
  const docs = payload.subarray(4 + manifestLength);
  let body: Uint8Array = docs;
  switch (random.chance(0.4) ? 3 : random.int(0, 6)) {
    case 0:
      manifest.circle[
        random.pick(['name', 'memberName', 'circleKey', 'colour', 'circleId', 'memberId'])
      ] = random.pick<unknown>(['', 'x'.repeat(500), null, 7, 'line\nbreak', '\u0000', ' padded ']);
      break;
    case 1: {
      const doc = random.pick(manifest.docs);
      doc.bytes = random.pick([0, doc.bytes + 1, doc.bytes - 1, 2 ** 40, -1, 1.5]);
      break;
    }
    case 2:
      random.pick(manifest.docs).id = random.pick([
        'index',
        '../../etc',
        'AAAA',
        'x'.repeat(22),
        manifest.docs[0]!.id,
      ]);
      break;
    case 3: {
      // Bytes inside one document's state changed: it may still decode as a Yjs update.
      const out = Uint8Array.from(docs);
      for (let n = random.int(1, 4); n > 0; n--)
        out[random.int(0, out.length - 1)]! ^= 1 << random.int(0, 7);
      body = out;
      break;
    }
    case 4:
      manifest.version = random.pick([0, 2, '1', null]);
      break;
    case 5:
      body = Uint8Array.of(...docs, 1, 2, 3);
      break;
    default:
      manifest.docs = random.chance(0.5) ? [] : [...manifest.docs, ...manifest.docs];
  }
  const text = new TextEncoder().encode(JSON.stringify(manifest));
  const out = new Uint8Array(4 + text.length + body.length);
  new DataView(out.buffer).setUint32(0, text.length);
  out.set(text, 4);
  out.set(body, 4 + text.length);
  return out;
}

/** Backup files, damaged or changed, through the restore handler. */
export const backupFilesTarget: FuzzTarget = {
  name: 'backup files',
  defaultCases: 400,
  smokeCases: 40,
  async prepare(random): Promise<PreparedTarget> {
    const restoreLog = setLogSink(() => undefined);
    const work = await mkdtemp(join(tmpdir(), 'hearth-fuzz-backup-'));
    // Made here rather than through a laptop, with ids and Yjs client ids drawn from the
    // seed, so the same seed damages the same bytes on every run.
    const index = new Y.Doc();
    index.clientID = random.int(1, 2 ** 31);
    const circleIndex = new CircleIndex(index);
    // The meeting's id is random (addMeeting draws it): the same length, so the same bytes move.
    const meetingId = circleIndex.addMeeting(
      { title: 'Monday', date: '2026-02-02', prompts: [], createdBy: null },
      1,
    );
    const docs = new Map<DocId, Uint8Array>();
    for (const words of ['# One\n\nfirst words', 'second **words**', '- a list\n- of things']) {
      const entryId = circleIndex.addEntry(
        { meetingId, authorId: null, visibility: 'anonymous' },
        2,
        seededId<EntryId>(random),
      );
      const entry = new Y.Doc();
      entry.clientID = random.int(1, 2 ** 31);
      writeMarkdownIntoEntry(entry, words);
      docs.set(entryDocId(entryId), Y.encodeStateAsUpdate(entry));
    }
    docs.set(INDEX_DOC_ID, Y.encodeStateAsUpdate(index));
    const payload = encodeBackupPayload({
      createdAt: 1_770_000_000_000,
      circle: {
        circleId: seededId<CircleId>(random),
        name: 'Harbour circle',
        memberId: seededId<MemberId>(random),
        memberName: 'Ana',
        colour: 'lake',
        circleKey: toBase64Url(Uint8Array.from({ length: 32 }, () => random.int(0, 255))),
        createdAt: 1_770_000_000_000,
        inviteEndpoints: ['ws://192.168.1.20:4455'],
      },
      docs,
    });
    const backup = await sealBackupFile(payload, PASSPHRASE, ITERATIONS);
    let other = await laptop(work, 'other-0');
    let laptops = 1;
    const outcomes = new Tally();

    return {
      async runCase(caseRandom, index) {
        const kind = caseRandom.weighted({
          'damaged file': 55,
          'wrong passphrase': 10,
          'changed payload': 35,
        });
        let file: Uint8Array = backup;
        let passphrase = PASSPHRASE;
        if (kind === 'damaged file') file = damageFile(caseRandom, backup).bytes;
        else if (kind === 'wrong passphrase')
          passphrase = caseRandom.pick([
            'lantern kettle harbour seveN',
            `${PASSPHRASE} `,
            'x'.repeat(1024),
            '\u0000',
          ]);
        else
          file = await sealBackupFile(changedPayload(caseRandom, payload), PASSPHRASE, ITERATIONS);
        const before = await folderPrint(other.dataDir);
        const t0 = performance.now();
        const outcome = await other.backend.handlers['hearth:backup:restore'](passphrase, file);
        const measuredMs = performance.now() - t0;
        const where = `case ${index} (${kind})`;
        const violations: string[] = [];
        if (outcome.kind === 'refused') {
          outcomes.add(`${kind}: ${outcome.reason}`);
          if ((await folderPrint(other.dataDir)) !== before)
            violations.push(`${where}: refused (${outcome.reason}) but the data folder changed`);
          return { violations, measuredMs };
        }
        outcomes.add(`${kind}: ${outcome.kind}`);
        if (outcome.kind !== 'restored')
          return { violations: [`${where}: an unexpected outcome ${outcome.kind}`], measuredMs };
        const unchanged =
          file.length === backup.length &&
          Buffer.from(file).equals(Buffer.from(backup)) &&
          passphrase === PASSPHRASE;
        if (kind !== 'changed payload' && !unchanged)
          violations.push(`${where}: a damaged file or a wrong passphrase was restored`);
        const opened = await other.backend.handlers['hearth:circles:open'](outcome.circle.id);
        for (const docId of opened.docIds) {
          const state = await other.backend.handlers['hearth:docs:load'](outcome.circle.id, docId);
          const ydoc = new Y.Doc();
          try {
            if (state !== null) Y.applyUpdate(ydoc, state);
            if (ydoc.store.pendingStructs !== null || ydoc.store.pendingDs !== null) {
              violations.push(`${where}: restored ${docId}, which applies only in part`);
            }
          } catch {
            violations.push(`${where}: restored ${docId}, which Yjs cannot apply`);
          }
        }
        // The circle is on this laptop now: the next case restores onto a fresh one.
        await other.backend.close();
        other = await laptop(work, `other-${laptops++}`);
        return { violations, measuredMs };
      },
      summary: () => `outcomes: ${outcomes.toString()}`,
      async dispose() {
        await other.backend.close();
        await rm(work, { recursive: true, force: true });
        restoreLog();
      },
    };
  },
};
