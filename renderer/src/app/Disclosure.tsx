/**
 * A disclosure (the WAI-ARIA pattern): a button that shows and hides the panel after it.
 * The button says whether the panel is open (`aria-expanded`) and which panel it is
 * (`aria-controls`); the closed panel is `hidden`, and styles/disclosure.css keeps it
 * hidden whatever `display` its own class gives it (a panel laid out as a grid once
 * stayed visible while "closed").
 *
 * A `popover` disclosure floats over the page, so it also behaves like one: opening it
 * focuses its first button, a pointer outside closes it, and Escape closes it and returns
 * the focus to the button. The others close only from their button.
 */
import { useEffect, useId, useRef, useState, type ReactNode, type RefObject } from 'react';

/** Props of {@link Disclosure}. */
export interface DisclosureProps {
  /** Class of the element holding the button and the panel. */
  className: string;
  /** What the button shows. */
  label: ReactNode;
  buttonClassName: string;
  panelClassName: string;
  /** A fieldset groups choices under a legend. */
  panelElement?: 'div' | 'fieldset';
  /** Floats over the page: focus moves in, Escape and a pointer outside close it. */
  popover?: boolean;
  /** Shown between the button and the panel, open or not. */
  aside?: ReactNode;
  /** The panel's content; given `close` (which returns the focus to the button) if it needs it. */
  children: ReactNode | ((close: () => void) => ReactNode);
}

/** A button that shows and hides a panel. */
export function Disclosure({
  className,
  label,
  buttonClassName,
  panelClassName,
  panelElement = 'div',
  popover = false,
  aside,
  children,
}: DisclosureProps) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLElement>(null);

  useEffect(() => {
    if (!open || !popover) return;
    panelRef.current?.querySelector<HTMLButtonElement>('button')?.focus();
    const onPointer = (event: PointerEvent): void => {
      const target = event.target as Node;
      if (!panelRef.current?.contains(target) && !buttonRef.current?.contains(target)) {
        setOpen(false);
      }
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [open, popover]);

  const close = (): void => {
    setOpen(false);
    buttonRef.current?.focus();
  };
  // Through a component, so `close` is handed over as a prop rather than called in render.
  const content =
    typeof children === 'function' ? <PanelContent render={children} close={close} /> : children;
  const panelProps = {
    id: panelId,
    className: `disclosure__panel ${panelClassName}`,
    hidden: !open,
  };

  return (
    <div
      className={className}
      onKeyDown={
        popover
          ? (event) => {
              if (event.key === 'Escape' && open) {
                event.stopPropagation();
                close();
              }
            }
          : undefined
      }
    >
      <button
        ref={buttonRef}
        type="button"
        className={buttonClassName}
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((value) => !value)}
      >
        {label}
      </button>
      {aside}
      {panelElement === 'fieldset' ? (
        <fieldset ref={panelRef as RefObject<HTMLFieldSetElement>} {...panelProps}>
          {content}
        </fieldset>
      ) : (
        <div ref={panelRef as RefObject<HTMLDivElement>} {...panelProps}>
          {content}
        </div>
      )}
    </div>
  );
}

function PanelContent({
  render,
  close,
}: {
  render: (close: () => void) => ReactNode;
  close: () => void;
}) {
  return render(close);
}
