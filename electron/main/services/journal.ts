/**
 * The member's private journal: drafts and journal entries that never leave this
 * laptop. It is kept exactly like a circle — its own encrypted folder under the data
 * folder, its own data key — so it has the same crash safety, but it is never listed
 * as a circle, has no invite, and the renderer never syncs it. Which folder is the
 * journal is written in `journal.json` beside the settings.
 */
import { join } from 'node:path';
import * as Y from 'yjs';
import type { JournalInfo } from '../../../shared/ipc/contract';
import { HearthError } from '../../../shared/ipc/errors';
import { toBase64Url } from '../../../shared/crypto/base64url';
import { randomBytes } from '../../../shared/crypto/random';
import { isId, newId, type CircleId, type MemberId } from '../../../shared/notebook/ids';
import { nodeFileSystem, writeFileAtomically } from './store/fileSystem';
import type { Store } from './store/store';

/** Opens the journal, making it the first time; concurrent callers share one making. */
export function journalOpener(
  store: Store,
  dataDir: string,
  now: () => number,
): () => Promise<JournalInfo> {
  const marker = join(dataDir, 'journal.json');
  let opening: Promise<JournalInfo> | null = null;
  const open = async (): Promise<JournalInfo> => {
    let journalId = await readMarker(marker);
    if (journalId === null) {
      // The marker first: a circle list taken while the folder is being made must
      // already know that folder is the journal, or it would show it as a circle.
      journalId = newId<CircleId>();
      await writeFileAtomically(
        nodeFileSystem,
        marker,
        new TextEncoder().encode(JSON.stringify({ version: 1, journalId })),
        0o600,
      );
    }
    const existing = await store.circle(journalId).catch((error: unknown) => {
      // A marker with no folder: the first start stopped between the two. Make it now.
      if (error instanceof HearthError && error.kind === 'not-found') return null;
      throw error;
    });
    if (existing === null) await makeJournalFolder(store, journalId, now());
    return { journalId };
  };
  return () => {
    opening ??= open().catch((error: unknown) => {
      opening = null;
      throw error;
    });
    return opening;
  };
}

/** Makes the journal's folder, kept exactly like a circle's. */
async function makeJournalFolder(store: Store, journalId: CircleId, at: number): Promise<void> {
  await store.createCircle(
    {
      profile: {
        circleId: journalId,
        memberId: newId<MemberId>(),
        memberName: 'Me',
        colour: 'sand',
        // Never used: the journal is never synced. Present because every folder has one.
        circleKey: toBase64Url(randomBytes(32)),
        createdAt: at,
        inviteEndpoints: [],
      },
      name: 'Private journal',
      lastOpenedAt: at,
    },
    Y.encodeStateAsUpdate(new Y.Doc()),
  );
}

/** The journal's id, if this data folder has a journal. */
export async function journalIdIn(dataDir: string): Promise<CircleId | null> {
  return readMarker(join(dataDir, 'journal.json'));
}

async function readMarker(path: string): Promise<CircleId | null> {
  try {
    const parsed = JSON.parse(
      new TextDecoder().decode(await nodeFileSystem.readFile(path)),
    ) as unknown;
    const journalId = (parsed as { journalId?: unknown } | null)?.journalId;
    return isId(journalId) ? (journalId as CircleId) : null;
  } catch {
    return null;
  }
}
