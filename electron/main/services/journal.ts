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
    const existing = await readMarker(marker);
    if (existing !== null) {
      await store.circle(existing);
      return { journalId: existing };
    }
    const journalId = newId<CircleId>();
    const at = now();
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
    await writeFileAtomically(
      nodeFileSystem,
      marker,
      new TextEncoder().encode(JSON.stringify({ version: 1, journalId })),
      0o600,
    );
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
