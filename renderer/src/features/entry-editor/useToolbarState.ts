/**
 * What the toolbar shows as pressed: the formats and block type at the selection, and
 * whether undo and redo have anything to do.
 */
import { $isLinkNode } from '@lexical/link';
import { $isListNode, ListNode } from '@lexical/list';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $isHeadingNode, $isQuoteNode } from '@lexical/rich-text';
import { $getNearestNodeOfType, mergeRegister } from '@lexical/utils';
import {
  $getSelection,
  $isRangeSelection,
  CAN_REDO_COMMAND,
  CAN_UNDO_COMMAND,
  COMMAND_PRIORITY_LOW,
  type LexicalEditor,
} from 'lexical';
import { useEffect, useState } from 'react';

/** The kind of block the selection is in. */
export type BlockKind = 'paragraph' | 'h1' | 'h2' | 'quote' | 'bullet' | 'number';

/** The toolbar's view of the editor. */
export interface ToolbarState {
  block: BlockKind;
  bold: boolean;
  italic: boolean;
  underline: boolean;
  link: boolean;
  canUndo: boolean;
  canRedo: boolean;
}

const INITIAL: ToolbarState = {
  block: 'paragraph',
  bold: false,
  italic: false,
  underline: false,
  link: false,
  canUndo: false,
  canRedo: false,
};

function $readSelection(): Omit<ToolbarState, 'canUndo' | 'canRedo'> | null {
  const selection = $getSelection();
  if (!$isRangeSelection(selection)) return null;
  const anchor = selection.anchor.getNode();
  const top = anchor.getKey() === 'root' ? anchor : anchor.getTopLevelElementOrThrow();
  let block: BlockKind = 'paragraph';
  if ($isListNode(top)) {
    const list = $getNearestNodeOfType(anchor, ListNode) ?? top;
    block = list.getListType() === 'number' ? 'number' : 'bullet';
  } else if ($isHeadingNode(top)) {
    block = top.getTag() === 'h1' ? 'h1' : 'h2';
  } else if ($isQuoteNode(top)) {
    block = 'quote';
  }
  const parent = anchor.getParent();
  return {
    block,
    bold: selection.hasFormat('bold'),
    italic: selection.hasFormat('italic'),
    underline: selection.hasFormat('underline'),
    link: $isLinkNode(parent) || $isLinkNode(anchor),
  };
}

/** Follows the editor and returns the toolbar's state. */
export function useToolbarState(): [ToolbarState, LexicalEditor] {
  const [editor] = useLexicalComposerContext();
  const [state, setState] = useState<ToolbarState>(INITIAL);

  useEffect(
    () =>
      mergeRegister(
        editor.registerUpdateListener(({ editorState }) => {
          const read = editorState.read($readSelection);
          // Typing updates the editor on every key; the toolbar renders only when what it
          // shows changed.
          if (read === null) return;
          setState((current) =>
            (Object.keys(read) as (keyof typeof read)[]).every((key) => current[key] === read[key])
              ? current
              : { ...current, ...read },
          );
        }),
        // Collaboration undo (Yjs's UndoManager, wired by CollaborationPlugin) still reports
        // through these commands; the HistoryExtension signals do not apply to it.
        editor.registerCommand(
          // eslint-disable-next-line @typescript-eslint/no-deprecated -- see above
          CAN_UNDO_COMMAND,
          (canUndo) => {
            setState((current) =>
              current.canUndo === canUndo ? current : { ...current, canUndo },
            );
            return false;
          },
          COMMAND_PRIORITY_LOW,
        ),
        editor.registerCommand(
          // eslint-disable-next-line @typescript-eslint/no-deprecated -- see above
          CAN_REDO_COMMAND,
          (canRedo) => {
            setState((current) =>
              current.canRedo === canRedo ? current : { ...current, canRedo },
            );
            return false;
          },
          COMMAND_PRIORITY_LOW,
        ),
      ),
    [editor],
  );

  return [state, editor];
}
