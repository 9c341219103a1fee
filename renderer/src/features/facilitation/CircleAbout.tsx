/**
 * "Agreements", opened from the top bar: a dialog about the circle with its agreements
 * (editable by facilitators), who facilitates (with the role's controls for
 * facilitators), and the circle's meeting points beyond the room. The top bar owns the
 * button, which may sit in its "More" menu.
 */
import { useTranslation } from 'react-i18next';
import type { IndexSnapshot } from '../../../../shared/notebook/circleIndex';
import { Dialog } from '../../app/Dialog';
import type { CircleSession } from '../../live-documents/circleSession';
import { AgreementsSection } from '../agreements/AgreementsSection';
import { MeetingPointsSection } from '../meeting-points/MeetingPointsSection';
import { FacilitationSection } from './FacilitationSection';
import { DialogActions } from '../../app/DialogActions';

/** Props of {@link CircleAbout}. */
export interface CircleAboutProps {
  session: CircleSession;
  snapshot: IndexSnapshot;
  circleName: string;
  open: boolean;
  onClose: () => void;
}

/** The dialog about the circle: its agreements and who facilitates. */
export function CircleAbout({ session, snapshot, circleName, open, onClose }: CircleAboutProps) {
  const { t } = useTranslation();
  return (
    <Dialog
      open={open}
      title={t('facilitation.aboutTitle')}
      description={t('facilitation.aboutDescription', { name: circleName })}
      onClose={onClose}
      size="wide"
    >
      <div className="about-circle">
        <AgreementsSection session={session} snapshot={snapshot} />
        <FacilitationSection session={session} snapshot={snapshot} />
        <MeetingPointsSection session={session} snapshot={snapshot} />
      </div>
      <DialogActions primary={{ label: t('common.done'), onClick: onClose }} />
    </Dialog>
  );
}
