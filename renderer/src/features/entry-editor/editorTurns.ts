/**
 * A meeting's entry editors are mounted in turns. Each editor is a Lexical editor on a
 * replica of its entry's body: mounting one loads and copies the body and renders every
 * paragraph, tens of milliseconds for a long entry. A meeting's first entries are on
 * screen at once; the rest wait for the page's idle time, one per turn, or come at once
 * when the member scrolls (or a search brings them) near the screen. Opening a meeting
 * then costs what is on screen, not what the meeting holds, and typing keeps its turns.
 */
import { useEffect, useState, type RefObject } from 'react';

/** Editors of a meeting mounted without waiting: the first screenful. */
export const EAGER_EDITORS = 2;
// Mounted this far below (or above) the screen, so scrolling finds them ready.
const NEAR_SCREEN = '600px 0px';
// The longest an editor waits for idle time, so a busy page still fills its meeting.
const IDLE_TIMEOUT_MS = 1000;

const waiting: (() => void)[] = [];
let turnScheduled = false;

function nextTurn(run: () => void): void {
  if (typeof requestIdleCallback === 'function') {
    requestIdleCallback(run, { timeout: IDLE_TIMEOUT_MS });
  } else {
    setTimeout(run, 0);
  }
}

function takeTurn(): void {
  turnScheduled = false;
  waiting.shift()?.();
  if (waiting.length > 0) scheduleTurn();
}

function scheduleTurn(): void {
  if (turnScheduled) return;
  turnScheduled = true;
  nextTurn(takeTurn);
}

/** Queues `mount` for a turn of its own; returns a cancel for a card that goes first. */
function awaitTurn(mount: () => void): () => void {
  waiting.push(mount);
  scheduleTurn();
  return () => {
    const at = waiting.indexOf(mount);
    if (at >= 0) waiting.splice(at, 1);
  };
}

/**
 * True once the card's editor may mount: at once when `eager`, else at its turn or when
 * `card` comes near the screen, whichever is first. Once true it stays true.
 */
export function useEditorTurn(eager: boolean, card: RefObject<HTMLElement | null>): boolean {
  const [mounted, setMounted] = useState(eager);
  // Made eager later (the entry to focus): kept mounted from then on.
  if (eager && !mounted) setMounted(true);
  useEffect(() => {
    if (mounted || eager) return;
    const mount = (): void => setMounted(true);
    const cancelTurn = awaitTurn(mount);
    let observer: IntersectionObserver | null = null;
    const element = card.current;
    if (element !== null && typeof IntersectionObserver === 'function') {
      observer = new IntersectionObserver(
        (seen) => {
          if (seen.some((entry) => entry.isIntersecting)) mount();
        },
        { rootMargin: NEAR_SCREEN },
      );
      observer.observe(element);
    }
    return () => {
      cancelTurn();
      observer?.disconnect();
    };
  }, [eager, mounted, card]);
  return mounted || eager;
}
