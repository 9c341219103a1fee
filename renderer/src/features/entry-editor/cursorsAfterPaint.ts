/**
 * Where others' carets are drawn after a peer's words arrive: in a task after the frame
 * that paints the words, not inside the update that brings them.
 *
 * Lexical's binding redraws every remote caret after each remote change
 * (`syncCursorPositions` in @lexical/yjs), measuring each with getBoundingClientRect:
 * that forces a layout in the middle of the update and then dirties it again with the
 * carets' own elements, about 2.5 ms a keystroke on the receiver (profiled in
 * `npm run bench -- --typing`). Drawn here, the words are painted first and the caret
 * follows one frame (~16 ms) later; a burst of changes within a frame draws once.
 * Awareness changes (a caret that moved without words) are still drawn by the plugin
 * at once.
 */
import { syncCursorPositions, type SyncCursorPositionsFn } from '@lexical/yjs';
import { afterNextPaint, type AfterPaint } from '../../lib/afterNextPaint';

/** One editor's deferred caret drawing. */
export interface CursorsAfterPaint {
  /** Lexical's CollaborationPlugin `syncCursorPositionsFn`. */
  draw: SyncCursorPositionsFn;
  /** Drops a drawing still waiting (the editor is going). */
  cancel(): void;
}

/** Makes the deferred drawing for one editor; `later` is replaced in tests. */
export function cursorsAfterPaint(
  later: AfterPaint = afterNextPaint,
  drawNow: SyncCursorPositionsFn = syncCursorPositions,
): CursorsAfterPaint {
  let latest: Parameters<SyncCursorPositionsFn> | null = null;
  let cancelWaiting: (() => void) | null = null;
  return {
    draw: (...args) => {
      latest = args;
      cancelWaiting ??= later(() => {
        cancelWaiting = null;
        const drawing = latest;
        latest = null;
        if (drawing !== null) drawNow(...drawing);
      });
    },
    cancel: () => {
      cancelWaiting?.();
      cancelWaiting = null;
      latest = null;
    },
  };
}
