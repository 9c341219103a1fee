/**
 * The page's worker that checks a peer's new documents (shared/sync/newDocumentCheck.ts)
 * off the editor's thread: a laptop joining a circle checks hundreds while its page
 * renders the notebook. One request, one answer; see ./newDocChecks.ts.
 */
import { answerCheck, type CheckRequest } from './newDocCheckMessages';

self.onmessage = (event: MessageEvent<CheckRequest>) => {
  const { answer, transfer } = answerCheck(event.data);
  self.postMessage(answer, { transfer });
};
