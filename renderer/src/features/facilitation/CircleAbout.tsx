/**
 * "Agreements" in the top bar: a dialog about the circle with its agreements (editable
 * by facilitators), who facilitates (with the role's controls for facilitators), and the
 * circle's meeting points beyond the room.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IndexSnapshot } from '../../../../shared/notebook/circleIndex';
import { Dialog } from '../../app/Dialog';
import type { CircleSession } from '../../notebook/circleSession';
import { AgreementsSection } from '../agreements/AgreementsSection';
import { MeetingPointsSection } from '../meeting-points/MeetingPointsSection';
import { FacilitationSection } from './FacilitationSection';

/** Props of {@link CircleAbout}. */
export interface CircleAboutProps {
  session: CircleSession;
  snapshot: IndexSnapshot;
  circleName: string;
}

/** The top bar's "Agreements" button and the dialog it opens. */
export function CircleAbout({ session, snapshot, circleName }: CircleAboutProps) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button className="button button--quiet" type="button" onClick={() => setOpen(true)}>
        {t('facilitation.aboutOpen')}
      </button>
      <Dialog
        open={open}
        title={t('facilitation.aboutTitle')}
        description={t('facilitation.aboutDescription', { name: circleName })}
        onClose={() => setOpen(false)}
        size="wide"
      >
        <div className="about-circle">
          <AgreementsSection session={session} snapshot={snapshot} />
          <FacilitationSection session={session} snapshot={snapshot} />
          <MeetingPointsSection session={session} snapshot={snapshot} />
        </div>
        <div className="dialog__actions">
          <button className="button button--primary" type="button" onClick={() => setOpen(false)}>
            {t('common.done')}
          </button>
        </div>
      </Dialog>
    </>
  );
}
