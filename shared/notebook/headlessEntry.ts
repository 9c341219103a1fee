/**
 * Entry bodies without a screen: a headless Lexical editor bound to an entry's Yjs
 * document through @lexical/yjs, used to seed new entries and (in export and search)
 * to read them under plain Node.
 *
 * Lexical's V1 binding renders only changes that arrive after it attaches
 * (lexical#4999), so reading always binds to an empty document first and then applies
 * the stored state to it.
 */
import { createHeadlessEditor } from '@lexical/headless';
import {
  createBinding,
  syncLexicalUpdateToYjs,
  syncYjsChangesToLexical,
  type Provider,
} from '@lexical/yjs';
import { $createParagraphNode, $getRoot, type LexicalEditor } from 'lexical';
import * as Y from 'yjs';
import { ENTRY_NAMESPACE, ENTRY_NODES } from './entryNodes';
import { ENTRY_BODY_ROOT } from './schema';

/** A headless editor bound to a Yjs document; dispose it when done. */
export interface HeadlessEntry {
  editor: LexicalEditor;
  ydoc: Y.Doc;
  dispose(): void;
}

// The binding reads awareness only to move remote cursors; a headless editor has none.
function quietProvider(): Provider {
  const awareness = {
    getLocalState: () => null,
    getStates: () => new Map(),
    on: () => undefined,
    off: () => undefined,
    setLocalState: () => undefined,
    setLocalStateField: () => undefined,
  };
  const provider: Provider = {
    awareness,
    connect: () => undefined,
    disconnect: () => undefined,
    on: () => undefined,
    off: () => undefined,
  };
  return provider;
}

/** Binds a new headless editor to `ydoc` in both directions. */
export function bindHeadlessEntry(ydoc: Y.Doc): HeadlessEntry {
  const editor = createHeadlessEditor({
    namespace: ENTRY_NAMESPACE,
    nodes: [...ENTRY_NODES],
    onError: (error) => {
      throw error;
    },
  });
  const provider = quietProvider();
  const docMap = new Map([[ENTRY_BODY_ROOT, ydoc]]);
  const binding = createBinding(editor, provider, ENTRY_BODY_ROOT, ydoc, docMap);
  const yRoot = binding.root.getSharedType();
  const onYjs = (events: Array<Y.YEvent<Y.XmlText>>, transaction: Y.Transaction): void => {
    if (transaction.origin !== binding) {
      syncYjsChangesToLexical(binding, provider, events, false);
    }
  };
  yRoot.observeDeep(onYjs as (events: Array<Y.YEvent<Y.AbstractType<unknown>>>) => void);
  const removeUpdateListener = editor.registerUpdateListener((update) => {
    syncLexicalUpdateToYjs(
      binding,
      provider,
      update.prevEditorState,
      update.editorState,
      update.dirtyElements,
      update.dirtyLeaves,
      update.normalizedNodes,
      update.tags,
    );
  });
  return {
    editor,
    ydoc,
    dispose: () => {
      removeUpdateListener();
      yRoot.unobserveDeep(onYjs as (events: Array<Y.YEvent<Y.AbstractType<unknown>>>) => void);
      binding.root.destroy(binding);
    },
  };
}

/**
 * Writes the first paragraph of a new entry into its empty document. Done once, by the
 * laptop that creates the entry: bootstrapping in every editor would give each peer its
 * own first paragraph.
 */
export function seedEntryBody(ydoc: Y.Doc): void {
  const headless = bindHeadlessEntry(ydoc);
  try {
    headless.editor.update(
      () => {
        const root = $getRoot();
        if (root.getChildrenSize() === 0) root.append($createParagraphNode());
      },
      { discrete: true },
    );
  } finally {
    headless.dispose();
  }
}

/**
 * Loads a stored entry state into a fresh headless editor and resolves once Lexical
 * has committed it. The caller reads the editor and disposes it.
 */
export async function openEntryState(state: Uint8Array): Promise<HeadlessEntry> {
  const ydoc = new Y.Doc();
  const headless = bindHeadlessEntry(ydoc);
  Y.applyUpdate(ydoc, state);
  // The binding schedules its Lexical update; a discrete no-op update flushes it.
  await Promise.resolve();
  headless.editor.update(() => undefined, { discrete: true });
  return {
    ...headless,
    dispose: () => {
      headless.dispose();
      ydoc.destroy();
    },
  };
}

/** The plain text of a stored entry state (paragraphs separated by blank lines). */
export async function entryPlainText(state: Uint8Array): Promise<string> {
  const headless = await openEntryState(state);
  try {
    return headless.editor.getEditorState().read(() => $getRoot().getTextContent());
  } finally {
    headless.dispose();
  }
}
