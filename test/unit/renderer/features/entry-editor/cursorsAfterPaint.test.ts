import type { Provider } from '@lexical/yjs';
import { describe, expect, it, vi } from 'vitest';
import { cursorsAfterPaint } from '../../../../../renderer/src/features/entry-editor/cursorsAfterPaint';
import type { AfterPaint } from '../../../../../renderer/src/lib/afterNextPaint';

type Binding = Parameters<ReturnType<typeof cursorsAfterPaint>['draw']>[0];

/** A stand-in for "after the next frame": the test says when the frame has passed. */
function frames(): { later: AfterPaint; pass(): void; waiting(): number } {
  const queue: (() => void)[] = [];
  return {
    later: (draw) => {
      queue.push(draw);
      return () => queue.splice(queue.indexOf(draw), 1);
    },
    pass: () => {
      for (const draw of queue.splice(0)) draw();
    },
    waiting: () => queue.length,
  };
}

const binding = (name: string): Binding => ({ name }) as unknown as Binding;
const provider = {} as Provider;

describe('cursorsAfterPaint', () => {
  it('draws nothing inside the change, and once after the frame for a burst', () => {
    const frame = frames();
    const drawNow = vi.fn();
    const cursors = cursorsAfterPaint(frame.later, drawNow);
    cursors.draw(binding('first'), provider);
    cursors.draw(binding('second'), provider, { selectionHighlight: true });
    expect(drawNow).not.toHaveBeenCalled();
    expect(frame.waiting()).toBe(1);
    frame.pass();
    // The latest call's arguments: the binding reads the editor as it is then.
    expect(drawNow).toHaveBeenCalledTimes(1);
    expect(drawNow).toHaveBeenCalledWith(binding('second'), provider, {
      selectionHighlight: true,
    });
    cursors.draw(binding('third'), provider);
    frame.pass();
    expect(drawNow).toHaveBeenCalledTimes(2);
  });

  it('draws nothing once cancelled, and draws again after a later change', () => {
    const frame = frames();
    const drawNow = vi.fn();
    const cursors = cursorsAfterPaint(frame.later, drawNow);
    cursors.draw(binding('going'), provider);
    cursors.cancel();
    frame.pass();
    expect(drawNow).not.toHaveBeenCalled();
    cursors.draw(binding('back'), provider);
    frame.pass();
    expect(drawNow).toHaveBeenCalledTimes(1);
  });
});
