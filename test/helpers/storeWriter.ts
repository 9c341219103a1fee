/**
 * A child process for the store's crash test: it opens the store in a data folder, says
 * what the document held when opened, then types numbered words into it for ever
 * through the real store API, until the test kills it.
 *
 *   node --import tsx test/helpers/storeWriter.ts <dataDir> <circleId>
 *
 * Lines on stdout (written synchronously: stdout is a pipe):
 *   loaded <text>        the document's text as opened ("0 1 2 " …)
 *   ready
 *   seq <n> <time>       word n, written just before its update is handed to append;
 *                        time is Date.now() at that moment
 *   saved <n>            append of word n resolved (fsync'd)
 */
import * as Y from 'yjs';
import { FileKeyVault } from '../../electron/main/services/keys/fileKeyVault';
import { Store } from '../../electron/main/services/store/store';
import type { CircleId, DocId } from '../../shared/notebook/ids';

// An entry document of the circle, named so it is easy to find in a failing test's folder.
const DOC_ID = 'crashTestEntryAAAAAAAA' as DocId;

async function main(): Promise<void> {
  const [dataDir, circleId] = process.argv.slice(2);
  if (dataDir === undefined || circleId === undefined) {
    throw new Error('usage: storeWriter.ts <dataDir> <circleId>');
  }
  const store = await Store.open({
    dataDir,
    keyVault: FileKeyVault.inDataDir(dataDir),
    onNotice: () => undefined,
  });
  const circle = await store.circle(circleId as CircleId);
  const ydoc = new Y.Doc();
  const yText = ydoc.getText('typed');
  const stored = await circle.load(DOC_ID);
  if (stored !== null) Y.applyUpdate(ydoc, stored);
  const text = yText.toJSON();
  process.stdout.write(`loaded ${text}\n`);
  let next = text === '' ? 0 : text.trim().split(' ').length;
  process.stdout.write('ready\n');

  const typeOne = (): void => {
    const seq = next++;
    process.stdout.write(`seq ${seq} ${Date.now()}\n`);
    yText.insert(yText.length, `${seq} `);
  };
  ydoc.on('update', (update: Uint8Array) => {
    const seq = next - 1;
    circle.append(DOC_ID, update).then(
      () => process.stdout.write(`saved ${seq}\n`),
      (error: unknown) => process.stderr.write(`append failed: ${String(error)}\n`),
    );
  });
  // Keystrokes 2–12 ms apart, like fast typing.
  const tick = (): void => {
    typeOne();
    setTimeout(tick, 2 + Math.random() * 10);
  };
  tick();
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
