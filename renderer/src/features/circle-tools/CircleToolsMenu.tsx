/**
 * The "Keep" menu in the top bar: Export, Import Markdown, Back up, Restore — the same
 * commands as the desktop File menu, reachable in browser mode too. A <details> list
 * of buttons: opens with Enter or Space, closes with Escape or after a choice.
 */
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { MenuCommand } from '../../../../shared/ipc/contract';

/** The commands this menu offers. */
export type CircleTool = Extract<MenuCommand, 'export' | 'import-markdown' | 'back-up' | 'restore'>;

/** The commands, in menu order, with their label keys (the top bar's "More" menu too). */
export const CIRCLE_TOOLS: readonly { tool: CircleTool; label: string }[] = [
  { tool: 'export', label: 'export.open' },
  { tool: 'import-markdown', label: 'import.open' },
  { tool: 'back-up', label: 'backup.createOpen' },
  { tool: 'restore', label: 'backup.restoreOpen' },
];

/** The top-bar menu of export and backup commands. */
export function CircleToolsMenu({ onChoose }: { onChoose: (tool: CircleTool) => void }) {
  const { t } = useTranslation();
  const details = useRef<HTMLDetailsElement>(null);
  const close = (): void => {
    if (details.current !== null) details.current.open = false;
  };
  return (
    <details
      ref={details}
      className="tools-menu"
      onKeyDown={(event) => {
        if (event.key !== 'Escape' || details.current?.open !== true) return;
        event.preventDefault();
        close();
        details.current.querySelector('summary')?.focus();
      }}
    >
      <summary className="button button--quiet">{t('export.menu')}</summary>
      <ul className="tools-menu__list">
        {CIRCLE_TOOLS.map(({ tool, label }) => (
          <li key={tool}>
            <button
              className="tools-menu__item"
              type="button"
              onClick={() => {
                close();
                onChoose(tool);
              }}
            >
              {t(label)}
            </button>
          </li>
        ))}
      </ul>
    </details>
  );
}
