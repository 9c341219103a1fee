/**
 * Runs work after the next frame is produced: in a task posted from the next animation
 * frame, so what the frame shows is painted before the work starts (a peer's words before
 * their caret, the first entries before search reads the notebook).
 */

/** Runs `work` after the next frame; returns its cancel. */
export type AfterPaint = (work: () => void) => () => void;

/** The browser's own: an animation frame, then a task. */
export const afterNextPaint: AfterPaint = (work) => {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const frame = requestAnimationFrame(() => {
    timer = setTimeout(work, 0);
  });
  return () => {
    cancelAnimationFrame(frame);
    if (timer !== null) clearTimeout(timer);
  };
};
