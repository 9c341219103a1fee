/**
 * Writing to the index document without leaving a trace of who wrote it. Every item in
 * a Yjs document carries its writer's client id, and this laptop's client id is
 * registered under its member id (authorship.ts) — so an anonymous entry written
 * through the laptop's own document would name its author after all.
 *
 * Instead the change is made in a scratch copy under a fresh, never-registered client
 * id, and only the resulting update is applied to the live document. The author's
 * laptop may keep that client id privately (in the journal) to change or withdraw the
 * entry later under the same anonymous writer.
 */
import * as Y from 'yjs';
import { scratchDoc } from './scratchDoc';

/** Runs `change` on a scratch copy of `ydoc` as client `client` (fresh if omitted). */
export function writeAnonymously(
  ydoc: Y.Doc,
  change: (scratch: Y.Doc) => void,
  origin: unknown,
  client?: number,
): number {
  const scratch = scratchDoc({ gc: false });
  Y.applyUpdate(scratch, Y.encodeStateAsUpdate(ydoc));
  // Set only after the state is in: Yjs gives a document a new client id when an applied
  // update already holds items of its own. Writing continues after that client's items.
  if (client !== undefined) scratch.clientID = client;
  const before = Y.encodeStateVector(scratch);
  change(scratch);
  Y.applyUpdate(ydoc, Y.encodeStateAsUpdate(scratch, before), origin);
  const used = scratch.clientID;
  scratch.destroy();
  return used;
}
