/**
 * While this laptop's door is open for the circle on screen: a quiet line above the
 * notebook with the nickname and countdown, who is knocking, and the way back to the
 * door, so a knock is never missed while the facilitator is writing.
 */
import { useTranslation } from 'react-i18next';
import type { DoorState } from '../../../../shared/ipc/contract';
import { countdownText, useRemaining } from './useDoor';

/** Props of {@link DoorBanner}. */
export interface DoorBannerProps {
  /** The door, when it is open for the circle on screen. */
  door: DoorState | null;
  onShow: () => void;
}

/** The open door's banner; nothing when no door is open. */
export function DoorBanner({ door, onShow }: DoorBannerProps) {
  const { t } = useTranslation();
  const remaining = useRemaining(door?.closesAt ?? null);
  if (door === null) return null;
  const knocking = door.knocks[0];
  return (
    <div className={`door-banner${knocking === undefined ? '' : ' door-banner--knock'}`}>
      <p className="door-banner__text" role="status">
        {knocking === undefined
          ? `${t('door.isOpen')} · ${door.nickname} · ${t('door.closesIn', { time: countdownText(remaining) })}`
          : t('door.knocking', { name: knocking.memberName })}
      </p>
      <button className="button" type="button" onClick={onShow}>
        {t('door.open')}
      </button>
    </div>
  );
}
