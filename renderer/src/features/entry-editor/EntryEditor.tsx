/**
 * The rich-text editor of one entry: Lexical bound to the entry's Yjs document through
 * CollaborationPlugin. The provider factory gives each mount a fresh replica document
 * linked to the live one (see entryProvider.ts), so stored text shows on reopening.
 * Undo and redo are Yjs's (through the plugin), so there is no HistoryPlugin.
 */
import { LinkExtension } from '@lexical/link';
import { ListExtension } from '@lexical/list';
import { CollaborationPlugin } from '@lexical/react/LexicalCollaborationPlugin';
import { ContentEditable } from '@lexical/react/LexicalContentEditable';
import { LexicalExtensionComposer } from '@lexical/react/LexicalExtensionComposer';
import { MarkdownShortcutPlugin } from '@lexical/react/LexicalMarkdownShortcutPlugin';
import { RichTextExtension } from '@lexical/rich-text';
import type { Provider } from '@lexical/yjs';
import { configExtension, defineExtension, type LexicalEditor } from 'lexical';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import * as Y from 'yjs';
import { ENTRY_NAMESPACE, ENTRY_NODES } from '../../../../shared/notebook/entryNodes';
import { ENTRY_TRANSFORMERS } from '../../../../shared/notebook/entryMarkdown';
import type { EntryId } from '../../../../shared/notebook/ids';
import { ENTRY_EDITOR_THEME } from './editorTheme';
import { BindingWatchPlugin, reportEditorFailure } from './BindingWatchPlugin';
import { cursorsAfterPaint } from './cursorsAfterPaint';
import { EditablePlugin } from './EditablePlugin';
import { EntryProvider } from './entryProvider';
import { FocusWhenReadyPlugin } from './FocusWhenReadyPlugin';
import { isSafeLink } from './safeLink';
import { Toolbar } from './Toolbar';
import { WritingPresencePlugin } from './WritingPresencePlugin';
import type { CirclePresence } from '../../sync/circlePresence';

/**
 * Every entry editor's configuration, at module scope so it is stable across renders.
 * No history extension: undo and redo are Yjs's. `$initialEditorState: null` leaves the
 * editor empty for the collaboration binding to fill; the default would add a paragraph
 * that the binding would then write into the shared document.
 */
const ENTRY_EDITOR = defineExtension({
  name: '@hearth/entry-editor',
  namespace: ENTRY_NAMESPACE,
  nodes: [...ENTRY_NODES],
  theme: ENTRY_EDITOR_THEME,
  $initialEditorState: null,
  onError: (error: Error, editor: LexicalEditor) => reportEditorFailure(editor, error),
  dependencies: [
    RichTextExtension,
    ListExtension,
    configExtension(LinkExtension, { validateUrl: isSafeLink }),
  ],
});

/** Props of {@link EntryEditor}. */
export interface EntryEditorProps {
  /** The body's id: the entry's (or the draft's), unique among open editors. */
  bodyId: EntryId;
  /** Loads the live body document this editor works on. */
  loadBody: () => Promise<Y.Doc>;
  /** The editor's accessible name ("Entry by Sam", "Your private draft"). */
  label: string;
  /** The formatting toolbar's accessible name. */
  toolbarLabel: string;
  /**
   * The circle's presence, to share cursors and "writing in…" with the room; null for a
   * private draft, which nobody else can see.
   */
  presence: CirclePresence | null;
  /** Name and colour on this member's cursor as others see it ("Someone" in an anonymous entry). */
  cursor: { name: string; colour: string };
  /** Whether "writing in this entry" may be told to the room (not for anonymous entries). */
  tellWhereWriting: boolean;
  autoFocus: boolean;
  onFocused: () => void;
  /**
   * False makes the editor read-only (a member the entry's author did not invite:
   * shared/notebook/WRITING.md); `readOnlyNote` then says why. True by default.
   */
  editable?: boolean;
  readOnlyNote?: string | null;
  /** Told the client id of each replica this editor writes with, before its first write. */
  onWriter?: (client: number) => void;
}

/** Edits one entry body: live with the circle (or private) and saved on this laptop. */
export function EntryEditor(props: EntryEditorProps) {
  const { bodyId, loadBody, label, toolbarLabel, presence, cursor, autoFocus, onFocused } = props;
  const editable = props.editable ?? true;
  // Read inside the provider factory, which must stay stable across renders.
  const writerRef = useRef<{ editable: boolean; onWriter?: (client: number) => void }>({
    editable,
    onWriter: props.onWriter,
  });
  useEffect(() => {
    writerRef.current = { editable, onWriter: props.onWriter };
  });
  const { t } = useTranslation();
  const [failed, setFailed] = useState(false);
  // Others' carets are drawn after the frame that shows their words (./cursorsAfterPaint.ts).
  const [cursors] = useState(() => cursorsAfterPaint());
  useEffect(() => () => cursors.cancel(), [cursors]);
  // Each rebuild mounts a fresh editor (and replica) on the same live document.
  const [rebuilds, setRebuilds] = useState(0);
  const replicaRef = useRef<Y.Doc | null>(null);
  const currentReplica = useCallback(() => replicaRef.current, []);
  const rebuild = useCallback(() => {
    replicaRef.current = null;
    setRebuilds((count) => count + 1);
  }, []);

  const providerFactory = useCallback(
    (id: string, yjsDocMap: Map<string, Y.Doc>): Provider => {
      const replica = new Y.Doc();
      replicaRef.current = replica;
      yjsDocMap.set(id, replica);
      return new EntryProvider(
        replica,
        loadBody,
        presence === null ? null : (awareness) => presence.linkEditor(bodyId, awareness),
        () => setFailed(true),
        // Named as this member's before its first word leaves, so peers can trace the words.
        () => {
          const { editable: mayWrite, onWriter } = writerRef.current;
          if (mayWrite) onWriter?.(replica.clientID);
          return mayWrite;
        },
      );
    },
    [bodyId, loadBody, presence],
  );

  return (
    <LexicalExtensionComposer key={rebuilds} extension={ENTRY_EDITOR} contentEditable={null}>
      <div className="entry-editor">
        {editable && <Toolbar label={toolbarLabel} />}
        <div className="entry-editor__surface">
          <ContentEditable
            className="entry-text"
            aria-label={label}
            aria-multiline
            spellCheck
            aria-placeholder={t('entry.placeholder')}
            placeholder={<p className="entry-editor__placeholder">{t('entry.placeholder')}</p>}
          />
        </div>
        {!editable && props.readOnlyNote != null && (
          <p className="entry-editor__read-only">{props.readOnlyNote}</p>
        )}
        {failed && (
          <p className="entry-editor__problem" role="alert">
            {t('entry.loadFailed')}
          </p>
        )}
        {rebuilds > 0 && (
          <p className="entry-editor__notice" role="status">
            {t('entry.rebuilt')}
          </p>
        )}
      </div>
      <CollaborationPlugin
        id={bodyId}
        providerFactory={providerFactory}
        shouldBootstrap={false}
        username={cursor.name}
        cursorColor={cursor.colour}
        syncCursorPositionsFn={cursors.draw}
      />
      <BindingWatchPlugin replica={currentReplica} onOutOfStep={rebuild} />
      <EditablePlugin editable={editable} />
      <MarkdownShortcutPlugin transformers={ENTRY_TRANSFORMERS} />
      {presence !== null && props.tellWhereWriting && (
        <WritingPresencePlugin presence={presence} entryId={bodyId} />
      )}
      {autoFocus && <FocusWhenReadyPlugin onFocused={onFocused} />}
    </LexicalExtensionComposer>
  );
}
