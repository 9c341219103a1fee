/**
 * The door of the circle on screen: this laptop's open door when it belongs to this
 * circle, and closing it when the circle closes (switching circles, closing the window),
 * as a facilitator would expect: a door is for the meeting that is going on.
 */
import { useEffect } from 'react';
import type { DoorState } from '../../../../shared/ipc/contract';
import type { CircleId } from '../../../../shared/notebook/ids';
import { hearth } from '../../lib/hearthApi';
import { useDoorState } from './useDoor';

/** This circle's open door, or null; closes it when the circle closes. */
export function useDoorOfCircle(circleId: CircleId): DoorState | null {
  const door = useDoorState();
  const mine = door?.circleId === circleId ? door : null;
  const isOpen = mine !== null;
  useEffect(() => {
    if (!isOpen) return;
    const close = (): void => {
      void hearth.door.close().catch(() => undefined);
    };
    window.addEventListener('pagehide', close);
    return () => {
      window.removeEventListener('pagehide', close);
      close();
    };
  }, [isOpen]);
  return mine;
}
