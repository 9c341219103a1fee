/**
 * The formatting toolbar of an entry. One tab stop: arrow keys, Home and End move
 * between its buttons (the WAI-ARIA toolbar pattern), so keyboard users are not made
 * to tab through a dozen buttons to leave it.
 */
import { $createLinkNode, TOGGLE_LINK_COMMAND } from '@lexical/link';
import {
  INSERT_ORDERED_LIST_COMMAND,
  INSERT_UNORDERED_LIST_COMMAND,
  REMOVE_LIST_COMMAND,
} from '@lexical/list';
import { $createHeadingNode, $createQuoteNode } from '@lexical/rich-text';
import { $setBlocksType } from '@lexical/selection';
import {
  $createParagraphNode,
  $createTextNode,
  $getSelection,
  $isRangeSelection,
  COMMAND_PRIORITY_NORMAL,
  FORMAT_TEXT_COMMAND,
  KEY_DOWN_COMMAND,
  REDO_COMMAND,
  UNDO_COMMAND,
  type LexicalEditor,
} from 'lexical';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LinkDialog } from './LinkDialog';
import { ToolbarIcon, type ToolbarIconName } from './ToolbarIcon';
import { useToolbarState, type BlockKind } from './useToolbarState';
import { IS_MAC } from '../../app/keyboardPlatform';

const isMac = IS_MAC;
const mod = isMac ? '⌘' : 'Ctrl+';

function setBlock(editor: LexicalEditor, current: BlockKind, wanted: BlockKind): void {
  if (wanted === 'bullet' || wanted === 'number') {
    const command =
      wanted === 'bullet' ? INSERT_UNORDERED_LIST_COMMAND : INSERT_ORDERED_LIST_COMMAND;
    editor.dispatchCommand(current === wanted ? REMOVE_LIST_COMMAND : command, undefined);
    return;
  }
  const target = current === wanted ? 'paragraph' : wanted;
  editor.update(() => {
    const selection = $getSelection();
    if (!$isRangeSelection(selection)) return;
    $setBlocksType(selection, () => {
      if (target === 'h1' || target === 'h2') return $createHeadingNode(target);
      if (target === 'quote') return $createQuoteNode();
      return $createParagraphNode();
    });
  });
}

interface ToolDefinition {
  id: ToolbarIconName;
  label: string;
  shortcut?: string;
  pressed?: boolean;
  disabled?: boolean;
  run: () => void;
}

/** Props of {@link Toolbar}. */
export interface ToolbarProps {
  /** Names the entry, so a screen reader tells the toolbars apart. */
  label: string;
}

/** Formatting for the surrounding editor. */
export function Toolbar({ label }: ToolbarProps) {
  const { t } = useTranslation();
  const [state, editor] = useToolbarState();
  const [active, setActive] = useState(0);
  const [linkOpen, setLinkOpen] = useState(false);
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);

  useEffect(
    () =>
      editor.registerCommand(
        KEY_DOWN_COMMAND,
        (event) => {
          if (event.key.toLowerCase() !== 'k' || !(event.ctrlKey || event.metaKey)) return false;
          event.preventDefault();
          if (state.link) editor.dispatchCommand(TOGGLE_LINK_COMMAND, null);
          else setLinkOpen(true);
          return true;
        },
        COMMAND_PRIORITY_NORMAL,
      ),
    [editor, state.link],
  );

  const tools: ToolDefinition[] = [
    {
      id: 'h1',
      label: t('toolbar.heading'),
      pressed: state.block === 'h1',
      run: () => setBlock(editor, state.block, 'h1'),
    },
    {
      id: 'h2',
      label: t('toolbar.subheading'),
      pressed: state.block === 'h2',
      run: () => setBlock(editor, state.block, 'h2'),
    },
    {
      id: 'bold',
      label: t('toolbar.bold'),
      shortcut: `${mod}B`,
      pressed: state.bold,
      run: () => editor.dispatchCommand(FORMAT_TEXT_COMMAND, 'bold'),
    },
    {
      id: 'italic',
      label: t('toolbar.italic'),
      shortcut: `${mod}I`,
      pressed: state.italic,
      run: () => editor.dispatchCommand(FORMAT_TEXT_COMMAND, 'italic'),
    },
    {
      id: 'underline',
      label: t('toolbar.underline'),
      shortcut: `${mod}U`,
      pressed: state.underline,
      run: () => editor.dispatchCommand(FORMAT_TEXT_COMMAND, 'underline'),
    },
    {
      id: 'bullet',
      label: t('toolbar.bulletList'),
      pressed: state.block === 'bullet',
      run: () => setBlock(editor, state.block, 'bullet'),
    },
    {
      id: 'number',
      label: t('toolbar.numberedList'),
      pressed: state.block === 'number',
      run: () => setBlock(editor, state.block, 'number'),
    },
    {
      id: 'quote',
      label: t('toolbar.quote'),
      pressed: state.block === 'quote',
      run: () => setBlock(editor, state.block, 'quote'),
    },
    {
      id: 'link',
      label: state.link ? t('toolbar.removeLink') : t('toolbar.link'),
      shortcut: `${mod}K`,
      pressed: state.link,
      run: () => {
        if (state.link) editor.dispatchCommand(TOGGLE_LINK_COMMAND, null);
        else setLinkOpen(true);
      },
    },
    {
      id: 'undo',
      label: t('toolbar.undo'),
      shortcut: `${mod}Z`,
      disabled: !state.canUndo,
      run: () => editor.dispatchCommand(UNDO_COMMAND, undefined),
    },
    {
      id: 'redo',
      label: t('toolbar.redo'),
      shortcut: isMac ? '⇧⌘Z' : 'Ctrl+Y',
      disabled: !state.canRedo,
      run: () => editor.dispatchCommand(REDO_COMMAND, undefined),
    },
  ];

  const moveTo = (index: number): void => {
    const next = (index + tools.length) % tools.length;
    setActive(next);
    buttons.current[next]?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const keys: Record<string, () => void> = {
      ArrowRight: () => moveTo(active + 1),
      ArrowLeft: () => moveTo(active - 1),
      Home: () => moveTo(0),
      End: () => moveTo(tools.length - 1),
    };
    const action = keys[event.key];
    if (action !== undefined) {
      event.preventDefault();
      action();
    }
  };

  return (
    <>
      <div className="toolbar" role="toolbar" aria-label={label} onKeyDown={onKeyDown}>
        {tools.map((tool, index) => (
          <button
            key={tool.id}
            ref={(element) => {
              buttons.current[index] = element;
            }}
            type="button"
            className={`toolbar__button toolbar__button--${tool.id}`}
            tabIndex={index === active ? 0 : -1}
            aria-label={tool.label}
            aria-pressed={tool.pressed}
            aria-keyshortcuts={tool.shortcut}
            title={tool.shortcut === undefined ? tool.label : `${tool.label} (${tool.shortcut})`}
            aria-disabled={tool.disabled}
            onMouseDown={(event) => event.preventDefault()}
            onFocus={() => setActive(index)}
            onClick={() => {
              // aria-disabled rather than disabled: a disabled button cannot take focus,
              // which would break arrow-key movement through the toolbar.
              if (tool.disabled !== true) tool.run();
            }}
          >
            <ToolbarIcon name={tool.id} />
          </button>
        ))}
      </div>
      <LinkDialog
        open={linkOpen}
        onClose={() => setLinkOpen(false)}
        onLink={(url, text) => {
          setLinkOpen(false);
          const collapsed = editor.getEditorState().read(() => {
            const selection = $getSelection();
            return !$isRangeSelection(selection) || selection.isCollapsed();
          });
          if (collapsed) {
            editor.update(() => {
              const selection = $getSelection();
              if (!$isRangeSelection(selection)) return;
              const link = $createLinkNode(url);
              link.append($createTextNode(text === '' ? url : text));
              selection.insertNodes([link]);
            });
          } else {
            editor.dispatchCommand(TOGGLE_LINK_COMMAND, url);
          }
          editor.focus();
        }}
      />
    </>
  );
}
