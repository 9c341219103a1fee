/**
 * The circle's setting "Anyone in the circle may let people in", for facilitators: by
 * default only facilitators open the door. Written to the governance log, so every laptop
 * checks a facilitator set it (shared/notebook/governance.ts).
 */
import { useTranslation } from 'react-i18next';
import type { IndexSnapshot } from '../../../../shared/notebook/circleIndex';
import type { CircleSession } from '../../live-documents/circleSession';

/** The door setting's checkbox. */
export function DoorSetting({
  session,
  snapshot,
}: {
  session: CircleSession;
  snapshot: IndexSnapshot;
}) {
  const { t } = useTranslation();
  return (
    <label className="checkbox door-setting">
      <input
        type="checkbox"
        checked={snapshot.governance.anyMemberMayLetIn}
        onChange={(event) =>
          session.index.govern({
            kind: 'door',
            anyMemberMayLetIn: event.target.checked,
            at: Date.now(),
          })
        }
      />
      <span>
        {t('door.settingLabel')}
        <span className="field__hint">{t('door.settingHint')}</span>
      </span>
    </label>
  );
}
