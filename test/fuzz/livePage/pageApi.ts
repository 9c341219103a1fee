/** What the live fuzz page (./entryPage.tsx) offers the Node side, as plain data. */

/** What one case did on the page. */
export interface CaseReport {
  /** A frame was refused (a protocol error; the page opened a fresh session). */
  refused: boolean;
  /** The entry document changed. */
  changed: boolean;
  /** After the changes settled, the editor showed other text than the document holds. */
  disagree: boolean;
  /** ...and still did once the app's binding watch had had 2 s to rebuild the editor. */
  lasting: boolean;
  /** The editor was rebuilt from its document (the member was told). */
  rebuilt: boolean;
  /** The guard logged that the live document ended in another state than its scratch. */
  mismatchLogged: boolean;
  /** The editor reported an error (its binding failed). */
  editorFailed: boolean;
  /** Where the editor and the document differ, when they do (test text only). */
  detail?: string;
}

/** `window.hearthLivePage`. */
export interface LivePageApi {
  /** Mounts the editor on an entry holding `state`; true once it shows the document. */
  start(state: number[]): Promise<boolean>;
  /** Feeds `frames` through the peer session; the member then types `memberTypes`, if any. */
  runCase(frames: number[][], memberTypes: string | null): Promise<CaseReport>;
  /** The entry's text as the editor should show it. */
  text(): string;
}
