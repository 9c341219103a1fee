/**
 * A menu button as the WAI-ARIA menu-button pattern describes it: a button with
 * `aria-haspopup="menu"` and `aria-expanded` opens a `role="menu"` list of
 * `role="menuitem"` buttons. Enter, Space or ArrowDown open it on the first item,
 * ArrowUp on the last; ArrowUp/ArrowDown/Home/End move between items; Escape closes it
 * and gives the focus back to the button; Tab, a click outside or a choice closes it.
 */
import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';

/** One item of a {@link MenuButton}. */
export interface MenuItem {
  key: string;
  label: string;
  onChoose: () => void;
  /** Starts a group of its own (a quiet line above it). */
  groupStart?: boolean;
}

/** Props of {@link MenuButton}. */
export interface MenuButtonProps {
  /** The button's visible words (and its name, unless `label` is given). */
  children: ReactNode;
  /** An accessible name, when the visible words are only a sign. */
  label?: string;
  items: readonly MenuItem[];
  className?: string;
}

/** A button that opens a small menu of commands. */
export function MenuButton({ children, label, items, className = '' }: MenuButtonProps) {
  const [open, setOpen] = useState(false);
  const [focusAt, setFocusAt] = useState<'first' | 'last'>('first');
  const buttonId = useId();
  const menuId = useId();
  const root = useRef<HTMLDivElement>(null);
  const menu = useRef<HTMLUListElement>(null);

  const menuItems = (): HTMLElement[] =>
    Array.from(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? []);

  useEffect(() => {
    if (!open) return;
    const found = menuItems();
    (focusAt === 'first' ? found[0] : found.at(-1))?.focus();
    // A press anywhere outside the menu closes it, as a native menu does.
    const onPointerDown = (event: PointerEvent): void => {
      if (!(event.target instanceof Node) || root.current?.contains(event.target) !== true)
        setOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open, focusAt]);

  const closeToButton = (): void => {
    setOpen(false);
    document.getElementById(buttonId)?.focus();
  };

  const onButtonKeyDown = (event: KeyboardEvent<HTMLButtonElement>): void => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setFocusAt(event.key === 'ArrowDown' ? 'first' : 'last');
      setOpen(true);
    }
  };

  const onMenuKeyDown = (event: KeyboardEvent<HTMLUListElement>): void => {
    const found = menuItems();
    const at = found.indexOf(document.activeElement as HTMLElement);
    const moveTo = (index: number): void => {
      event.preventDefault();
      found[(index + found.length) % found.length]?.focus();
    };
    if (event.key === 'ArrowDown') moveTo(at + 1);
    else if (event.key === 'ArrowUp') moveTo(at - 1);
    else if (event.key === 'Home') moveTo(0);
    else if (event.key === 'End') moveTo(found.length - 1);
    else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      closeToButton();
    } else if (event.key === 'Tab') setOpen(false);
  };

  return (
    <div ref={root} className={`menu-button ${className}`}>
      <button
        id={buttonId}
        className="button button--quiet"
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        aria-label={label}
        title={label}
        onClick={() => {
          setFocusAt('first');
          setOpen((was) => !was);
        }}
        onKeyDown={onButtonKeyDown}
      >
        {children}
      </button>
      {open && (
        <ul
          ref={menu}
          id={menuId}
          className="menu-button__menu"
          role="menu"
          aria-labelledby={buttonId}
          onKeyDown={onMenuKeyDown}
        >
          {items.map((item) => (
            <li
              key={item.key}
              role="none"
              className={item.groupStart === true ? 'menu-button__group' : undefined}
            >
              <button
                className="menu-button__item"
                type="button"
                role="menuitem"
                tabIndex={-1}
                onClick={() => {
                  closeToButton();
                  item.onChoose();
                }}
              >
                {item.label}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
