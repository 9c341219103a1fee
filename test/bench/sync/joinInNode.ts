/**
 * The join protocol alone, under plain Node: the one-year circle's stored documents in
 * one in-memory laptop, a fresh laptop joining it over the loopback transport with the
 * real meshes, sessions and guard — once opening by document (session version 1, a
 * SYNC_STEP_1 and SYNC_STEP_2 per document), once by circle (version 2). No browser, no
 * store, no editor: what the protocol itself costs. `npx tsx test/bench/sync/joinInNode.ts`
 * (under the heavy lock).
 */
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openHearthServices } from '../../../electron/main/services/hearthServices';
import { FileKeyVault } from '../../../electron/main/services/keys/fileKeyVault';
import type { MemberId } from '../../../shared/notebook/ids';
import { CircleMesh } from '../../../shared/sync/circleMesh';
import { LoopbackTransport } from '../../helpers/loopbackTransport';
import { MemorySyncedDocs } from '../../helpers/memorySyncedDocs';
import { oneYearCircle } from '../oneYearCircle';

const circle = await oneYearCircle((line) => console.log(line));
const work = await mkdtemp(join(tmpdir(), 'hearth-join-node-'));
const stored = new Map<string, Uint8Array>();
try {
  await cp(circle.dataDir, join(work, 'data'), { recursive: true });
  const dataDir = join(work, 'data');
  const backend = await openHearthServices({
    dataDir,
    keyVault: FileKeyVault.inDataDir(dataDir),
    appInfo: { mode: 'browser', version: 'bench' },
    emit: () => undefined,
  });
  const opened = await backend.handlers['hearth:circles:open'](circle.circleId);
  for (const docId of opened.docIds) {
    const state = await backend.handlers['hearth:docs:load'](circle.circleId, docId);
    if (state !== null) stored.set(docId, state);
  }
  await backend.close();
} finally {
  await rm(work, { recursive: true, force: true });
}

for (const sessionVersion of [1, 2, 1, 2]) {
  const holderDocs = new MemorySyncedDocs();
  for (const [docId, state] of stored) holderDocs.store(docId as never, state);
  const joinerDocs = new MemorySyncedDocs();
  const mesh = (docs: MemorySyncedDocs, memberId: string) =>
    new CircleMesh({
      docs,
      memberId: memberId as MemberId,
      antiEntropyMs: 0,
      clockPingMs: 0,
      sessionVersion,
    });
  const holder = { peerId: 'holder', mesh: mesh(holderDocs, 'HHHHHHHHHHHHHHHHHHHHHH') };
  const joiner = { peerId: 'joiner', mesh: mesh(joinerDocs, 'JJJJJJJJJJJJJJJJJJJJJJ') };
  const load = loadavg()[0]!.toFixed(1);
  const started = performance.now();
  const net = new LoopbackTransport();
  net.connect(holder, joiner);
  await net.settle();
  const ms = performance.now() - started;
  const same = JSON.stringify(joinerDocs.contents()) === JSON.stringify(holderDocs.contents());
  const count = (m: CircleMesh) =>
    Object.values(m.counters().messagesSent).reduce((sum, n) => sum + n, 0);
  console.log(
    `opening by ${sessionVersion === 2 ? 'circle  ' : 'document'}: ${stored.size} documents in ${(ms / 1000).toFixed(2)} s, ` +
      `${count(holder.mesh) + count(joiner.mesh)} messages, ${(net.sent.reduce((s, f) => s + f.bytes, 0) / 1e6).toFixed(2)} MB, ` +
      `${same ? 'notebooks equal' : 'NOTEBOOKS DIFFER'}; load ${load} → ${loadavg()[0]!.toFixed(1)}`,
  );
  holder.mesh.close();
  joiner.mesh.close();
}
