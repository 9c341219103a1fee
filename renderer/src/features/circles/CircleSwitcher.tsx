/**
 * The circle's name in the top bar, which opens a list of this laptop's circles to
 * switch between, and "New circle". A disclosure: Escape closes it and returns focus.
 */
import { useTranslation } from 'react-i18next';
import type { CircleSummary } from '../../../../shared/ipc/contract';
import type { CircleId } from '../../../../shared/notebook/ids';
import { Disclosure } from '../../app/Disclosure';
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
  return (
    <Disclosure
      className="circle-switcher"
      popover
      label={
        <>
          <span className="circle-switcher__eyebrow">{t('circles.circle')}</span>
          <span className="circle-switcher__name">{current.name}</span>
          <span className="circle-switcher__chevron" aria-hidden="true">
            ▾
          </span>
        </>
      }
      buttonClassName="circle-switcher__button"
      panelClassName="circle-switcher__panel"
      aside={
        <span className="circle-switcher__me">
          <span className="member-dot" style={{ background: memberColourVar(current.colour) }} />
          {t('circles.youAre', { name: current.memberName })}
        </span>
      }
    >
      {(close) => (
        <>
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
        </>
      )}
    </Disclosure>
  );
}
