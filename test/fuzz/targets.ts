/** Every fuzz target, in the order `npm run fuzz` runs them and the table lists them. */
import { backupFilesTarget } from './backupFiles';
import { doorMessagesTarget } from './doorMessages';
import type { FuzzTarget } from './fuzzTarget';
import { inviteTextsTarget } from './inviteTexts';
import { ipcArgumentsTarget } from './ipcArguments';
import { liveEntryPageTarget } from './liveEntryPage';
import { markdownImportTarget } from './markdownImport';
import { peerMessagesTarget } from './peerMessages';
import { signallingFramesTarget } from './signallingFrames';
import { storeFilesTarget } from './storeFiles';
import { wireFramesTarget } from './wireFrames';

/** The targets of `npm run fuzz` and of the CI-sized run. */
export const FUZZ_TARGETS: readonly FuzzTarget[] = [
  peerMessagesTarget,
  liveEntryPageTarget,
  signallingFramesTarget,
  ipcArgumentsTarget,
  wireFramesTarget,
  storeFilesTarget,
  inviteTextsTarget,
  backupFilesTarget,
  markdownImportTarget,
  doorMessagesTarget,
];
