/**
 * The circle's name in the top bar, which opens a list of this laptop's circles to
 * switch between, and "New circle". A disclosure: Escape closes it and returns focus.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CircleSummary } from '../../../../shared/ipc/contract';
import type { CircleId } from '../../../../shared/notebook/ids';
import { memberColourVar } from './memberColours';

/** Props of {@link CircleSwitcher}. */
export interface CircleSwitcherProps {
  current: CircleSummary;
  circles: CircleSummary[];
  onSwitch: (circleId: CircleId) => void;
  onNewCircle: () => void;
  onJoinCircle: () => void;
}

/** Shows the open circle and lets the member switch to another. */
export function CircleSwitcher({
  current,
  circles,
  onSwitch,
  onNewCircle,
  onJoinCircle,
}: CircleSwitcherProps) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const listId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    panelRef.current?.querySelector<HTMLButtonElement>('button')?.focus();
    const onPointer = (event: PointerEvent): void => {
      const target = event.target as Node;
      if (!panelRef.current?.contains(target) && !buttonRef.current?.contains(target)) {
        setOpen(false);
      }
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [open]);

  const close = (): void => {
    setOpen(false);
    buttonRef.current?.focus();
  };

  return (
    <div
      className="circle-switcher"
      onKeyDown={(event) => {
        if (event.key === 'Escape' && open) {
          event.stopPropagation();
          close();
        }
      }}
    >
      <button
        ref={buttonRef}
        type="button"
        className="circle-switcher__button"
        aria-expanded={open}
        aria-controls={listId}
        onClick={() => setOpen((value) => !value)}
      >
        <span className="circle-switcher__eyebrow">{t('circles.circle')}</span>
        <span className="circle-switcher__name">{current.name}</span>
        <span className="circle-switcher__chevron" aria-hidden="true">
          ▾
        </span>
      </button>
      <span className="circle-switcher__me">
        <span className="member-dot" style={{ background: memberColourVar(current.colour) }} />
        {t('circles.youAre', { name: current.memberName })}
      </span>
      <div ref={panelRef} id={listId} className="circle-switcher__panel" hidden={!open}>
        <h2 className="circle-switcher__heading">{t('circles.yourCircles')}</h2>
        <ul className="circle-switcher__list">
          {circles.map((circle) => (
            <li key={circle.id}>
              <button
                type="button"
                className="circle-switcher__option"
                aria-current={circle.id === current.id ? 'true' : undefined}
                onClick={() => {
                  close();
                  if (circle.id !== current.id) onSwitch(circle.id);
                }}
              >
                <span
                  className="member-dot"
                  style={{ background: memberColourVar(circle.colour) }}
                />
                <span>{circle.name}</span>
              </button>
            </li>
          ))}
        </ul>
        <button
          type="button"
          className="button button--small"
          onClick={() => {
            close();
            onNewCircle();
          }}
        >
          {t('circles.new')}
        </button>{' '}
        <button
          type="button"
          className="button button--small"
          onClick={() => {
            close();
            onJoinCircle();
          }}
        >
          {t('join.open')}
        </button>
      </div>
    </div>
  );
}
