/**
 * "Invite": what lets another laptop join this circle — a QR code, a hearth:// link and
 * the same as text to copy — and the safety code both laptops will show. The invite
 * carries the circle key: it is shown only here, on request, to people in the room.
 */
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../app/Dialog';
import { hearth } from '../../lib/hearthApi';
import type { CircleSession } from '../../live-documents/circleSession';
import { useIndexSnapshot } from '../../live-documents/useCircleSession';
import { makeInvite, safetyCodeFor } from '../../sync/circleRoom';
import { CopyButton } from './CopyButton';
import { QrCode } from './QrCode';
import { SafetyCode } from './SafetyCode';
import { DialogActions } from '../../app/DialogActions';

/** Props of {@link InviteDialog}. */
export interface InviteDialogProps {
  open: boolean;
  session: CircleSession;
  circleName: string;
  onClose: () => void;
}

/** Shows the circle's invite. */
export function InviteDialog({ open, session, circleName, onClose }: InviteDialogProps) {
  const { t } = useTranslation();
  return (
    <Dialog
      open={open}
      title={t('invite.title', { name: circleName })}
      description={t('invite.description')}
      onClose={onClose}
      size="wide"
    >
      {open && <InviteContent session={session} circleName={circleName} onClose={onClose} />}
    </Dialog>
  );
}

function InviteContent({ session, circleName, onClose }: Omit<InviteDialogProps, 'open'>) {
  const { t } = useTranslation();
  const textId = useId();
  const [invite, setInvite] = useState<string | null>(null);
  const [words, setWords] = useState<string[]>([]);
  const { meetingPoints } = useIndexSnapshot(session).governance;

  useEffect(() => {
    let live = true;
    const { profile } = session;
    void Promise.all([
      hearth.sync.endpoints().catch(() => []),
      safetyCodeFor(profile.circleKey),
    ]).then(([endpoints, code]) => {
      if (!live) return;
      // Only this laptop's own endpoints: they are where the new laptop will find us.
      const own = endpoints.filter((endpoint) => endpoint.source === 'this-laptop');
      setInvite(
        makeInvite(
          profile,
          circleName,
          own.map((endpoint) => endpoint.url),
          meetingPoints,
        ),
      );
      setWords(code);
    });
    return () => {
      live = false;
    };
  }, [session, circleName, meetingPoints]);

  if (invite === null) return <p role="status">{t('invite.preparing')}</p>;
  return (
    <div className="invite">
      <div className="invite__qr">
        <QrCode text={invite} label={t('invite.qrLabel', { name: circleName })} />
      </div>
      <div className="invite__text">
        <label className="field__label" htmlFor={textId}>
          {t('invite.linkLabel')}
        </label>
        <textarea
          id={textId}
          className="input invite__link"
          readOnly
          value={invite}
          rows={4}
          onFocus={(event) => event.target.select()}
        />
        <CopyButton text={invite} label={t('invite.copy')} />
        <p className="field__hint">{t('invite.keepItInTheRoom')}</p>
        <SafetyCode words={words} />
      </div>
      <DialogActions
        primary={{ label: t('common.done'), onClick: onClose }}
        className="invite__actions"
      />
    </div>
  );
}
