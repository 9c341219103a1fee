/**
 * Keeps an entry editor honest about its document. Lexical's collaboration binding can
 * fail (it throws on a tree it cannot read) or drift (a sequence of changes it maps onto
 * the wrong nodes); either way the member would go on seeing, and typing into, a state
 * the document does not hold, and what is saved and synced would differ from the screen.
 *
 * So: any error the editor reports, and any difference between the editor's text and its
 * document's text (checked once changes have settled), asks for the editor to be rebuilt
 * from the document (EntryEditor remounts it and tells the member). What the document
 * holds is what every laptop holds; the screen follows it.
 */
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $getRoot, type LexicalEditor } from 'lexical';
import { useEffect } from 'react';
import type * as Y from 'yjs';
import { logger } from '../../../../shared/log';
import { entryTextAsShown } from '../../../../shared/notebook/entryText';

const log = logger('entry-editor');
/** Changes settle (remote ones arrive merged within a microtask) well within this. */
const SETTLE_MS = 300;

const failureHandlers = new WeakMap<LexicalEditor, (reason: string) => void>();

/** Called by the editor's error handler: the binding failed on `editor`. */
export function reportEditorFailure(editor: LexicalEditor, error: Error): void {
  log.error('the entry editor failed', { message: error.message.slice(0, 120) });
  failureHandlers.get(editor)?.('the editor reported an error');
}

/** Props of {@link BindingWatchPlugin}. */
export interface BindingWatchProps {
  /** The replica document the editor is bound to, once linked. */
  replica: () => Y.Doc | null;
  /** The editor no longer shows its document: rebuild it. */
  onOutOfStep: (reason: string) => void;
}

/** Watches one entry editor against its document (see the module comment). */
export function BindingWatchPlugin({ replica, onOutOfStep }: BindingWatchProps) {
  const [editor] = useLexicalComposerContext();
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    let reported = false;
    const report = (reason: string): void => {
      if (reported) return;
      reported = true;
      log.error('an entry editor is rebuilt from its document', { reason });
      onOutOfStep(reason);
    };
    const check = (): void => {
      timer = null;
      const ydoc = replica();
      if (ydoc === null) return;
      const shown = editor.getEditorState().read(() => $getRoot().getTextContent());
      if (shown !== entryTextAsShown(ydoc)) report('the editor and its document disagree');
    };
    // Changes reaching the document count too: a failed binding may update nothing.
    let watched: Y.Doc | null = null;
    const schedule = (): void => {
      if (timer !== null) clearTimeout(timer);
      timer = setTimeout(check, SETTLE_MS);
      const ydoc = replica();
      if (ydoc !== null && ydoc !== watched) {
        watched?.off('update', schedule);
        ydoc.on('update', schedule);
        watched = ydoc;
      }
    };
    failureHandlers.set(editor, report);
    const stop = editor.registerUpdateListener(schedule);
    const first = setTimeout(schedule, 0);
    return () => {
      stop();
      clearTimeout(first);
      if (timer !== null) clearTimeout(timer);
      watched?.off('update', schedule);
      failureHandlers.delete(editor);
    };
  }, [editor, replica, onOutOfStep]);
  return null;
}
