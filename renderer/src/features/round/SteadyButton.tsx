/**
 * A button whose press is not lost when the page moves under the pointer. A browser
 * clicks only when the press and the release land on the same element; pressing a
 * button moves focus out of the editor, and that once scrolled the window by ~46 px in
 * between, so the release landed elsewhere and nothing happened — "Pass" then did
 * nothing, and the round stayed on the speaker.
 *
 * So a press by mouse, pen or touch
 *   - leaves the focus where it is (no focus change, so nothing scrolls because of it);
 *   - captures the pointer, so the release comes back to this button wherever it lands;
 *   - counts when it is released near where it was pressed, or over the button (the
 *     pressed button is the target, wherever the page moved it; dragging well away
 *     still cancels, as with any button).
 * The keyboard (Enter, Space) and assistive technology click as with any button.
 */
import { useRef, type ButtonHTMLAttributes, type PointerEvent } from 'react';

// A release this far from where the press began still counts, wherever the button went.
const SLACK_PX = 24;
// A mouse click within this time of a counted release is that same press again.
const SAME_PRESS_MS = 1000;

/** Props of {@link SteadyButton}: a button's, with `onPress` instead of `onClick`. */
export interface SteadyButtonProps extends Omit<
  ButtonHTMLAttributes<HTMLButtonElement>,
  'onClick' | 'type'
> {
  onPress: () => void;
}

/** A button that acts once per press, even if the layout moves while it is held. */
export function SteadyButton({ onPress, ...rest }: SteadyButtonProps) {
  const press = useRef<{ pointerId: number; x: number; y: number } | null>(null);
  const countedAt = useRef<number | null>(null);

  const release = (event: PointerEvent<HTMLButtonElement>): void => {
    const held = press.current;
    if (held === null || held.pointerId !== event.pointerId) return;
    press.current = null;
    const near = Math.hypot(event.clientX - held.x, event.clientY - held.y) <= SLACK_PX;
    const box = event.currentTarget.getBoundingClientRect();
    const over =
      event.clientX >= box.left &&
      event.clientX <= box.right &&
      event.clientY >= box.top &&
      event.clientY <= box.bottom;
    if (!near && !over) return;
    countedAt.current = event.timeStamp;
    onPress();
  };

  return (
    <button
      {...rest}
      type="button"
      onMouseDown={(event) => {
        // Keeps the focus (and the caret) where it is: moving it is what scrolled the page.
        if (event.button === 0) event.preventDefault();
      }}
      onPointerDown={(event) => {
        if (event.button !== 0 || !event.isPrimary) return;
        press.current = { pointerId: event.pointerId, x: event.clientX, y: event.clientY };
        try {
          event.currentTarget.setPointerCapture(event.pointerId);
        } catch {
          // A pointer that is already gone cannot be captured; its release never comes.
          press.current = null;
        }
      }}
      onPointerUp={release}
      onPointerCancel={() => {
        press.current = null;
      }}
      onClick={(event) => {
        // A click from a pointer whose release was already counted is the same press.
        const counted = countedAt.current;
        if (event.detail > 0 && counted !== null && event.timeStamp - counted < SAME_PRESS_MS) {
          countedAt.current = null;
          return;
        }
        onPress();
      }}
    />
  );
}
