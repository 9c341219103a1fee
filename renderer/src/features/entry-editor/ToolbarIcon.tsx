/** Small line icons for the toolbar, drawn for Hearth (no icon font, no remote assets). */

/** The toolbar's icons by name. */
export type ToolbarIconName =
  | 'h1'
  | 'h2'
  | 'bold'
  | 'italic'
  | 'underline'
  | 'bullet'
  | 'number'
  | 'quote'
  | 'link'
  | 'undo'
  | 'redo';

const PATHS: Record<ToolbarIconName, string> = {
  h1: 'M5 5v14M15 5v14M5 12h10',
  h2: 'M7 8v10M14 8v10M7 13h7',
  bold: 'M7 5h6a3.5 3.5 0 0 1 0 7H7zM7 12h7a3.5 3.5 0 0 1 0 7H7z',
  italic: 'M11 5h6M7 19h6M14 5l-4 14',
  underline: 'M7 4v7a5 5 0 0 0 10 0V4M5 20h14',
  bullet: 'M9 6h11M9 12h11M9 18h11M4.5 6h.01M4.5 12h.01M4.5 18h.01',
  number: 'M10 6h10M10 12h10M10 18h10M4 5l1.5-1v5M3.5 14.5a1.5 1.5 0 1 1 2.5 1.2L3.5 19H6.5',
  quote: 'M5 17c0-3 1-6 4-8M5 17h3.5v-3.5H5M13 17c0-3 1-6 4-8M13 17h3.5v-3.5H13',
  link: 'M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1 1M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1-1',
  undo: 'M9 14L4 9l5-5M4 9h10a6 6 0 0 1 0 12h-3',
  redo: 'M15 14l5-5-5-5M20 9H10a6 6 0 0 0 0 12h3',
};

/** One toolbar icon, hidden from assistive technology (its button has the label). */
export function ToolbarIcon({ name }: { name: ToolbarIconName }) {
  return (
    <svg
      className="toolbar__icon"
      viewBox="0 0 24 24"
      width="20"
      height="20"
      aria-hidden="true"
      focusable="false"
    >
      <path
        d={PATHS[name]}
        fill="none"
        stroke="currentColor"
        strokeWidth={name === 'bold' ? 2.4 : 1.9}
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}
