/**
 * Where the store keeps things under the data folder:
 *
 *   <dataDir>/
 *     settings.json                   the member's preferences (plain JSON: not sensitive)
 *     keys/master.key                 browser mode and tests only: the key-file vault's
 *                                     32-byte master key, mode 0600 (../keys/fileKeyVault.ts)
 *     circles/
 *       <circleId>/                   one folder per circle (ids are random: they say nothing)
 *         circle.key                  the circle's data key, sealed by the KeyVault (./sealedKey.ts)
 *         profile.hrec                who this laptop is in the circle, and the circle key:
 *                                     one encrypted profile record (./circleProfile.ts)
 *         docs/
 *           index.hlog                the circle's index document
 *           <entryId>.hlog            one entry body each (./docLog.ts, ./recordFormat.ts)
 *           <name>.damaged-<time>     untouched copies of files found damaged
 *       .new-<circleId>/              a circle being made; renamed into place when whole
 *
 * Files named `*.tmp` are writes that never reached their rename; they are removed.
 */
import { join } from 'node:path';
import type { CircleId, DocId } from '../../../../shared/notebook/ids';

/** Ends the name of every document log. */
export const DOC_LOG_SUFFIX = '.hlog';
/** Starts the name of a circle folder that is still being made. */
export const NEW_CIRCLE_PREFIX = '.new-';

/** The paths of one data folder. */
export interface StoreLayout {
  settings: string;
  circles: string;
  circle(circleId: CircleId): string;
  newCircle(circleId: CircleId): string;
  sealedKey(circleDir: string): string;
  profile(circleDir: string): string;
  docs(circleDir: string): string;
  docLog(circleDir: string, docId: DocId): string;
}

/** The layout above, rooted at `dataDir`. */
export function storeLayout(dataDir: string): StoreLayout {
  const circles = join(dataDir, 'circles');
  return {
    settings: join(dataDir, 'settings.json'),
    circles,
    circle: (circleId) => join(circles, circleId),
    newCircle: (circleId) => join(circles, `${NEW_CIRCLE_PREFIX}${circleId}`),
    sealedKey: (circleDir) => join(circleDir, 'circle.key'),
    profile: (circleDir) => join(circleDir, 'profile.hrec'),
    docs: (circleDir) => join(circleDir, 'docs'),
    docLog: (circleDir, docId) => join(circleDir, 'docs', `${docId}${DOC_LOG_SUFFIX}`),
  };
}
