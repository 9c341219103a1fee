/**
 * "Join a circle": scan the invite's QR code with the camera, or paste the invite someone
 * showed you (or open its hearth:// link); check the safety code with the room, then say
 * your name and colour. Doors open nearby are one click away ("Join a circle nearby").
 */
import { useEffect, useId, useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { JoinCircle } from '../../../../shared/ipc/contract';
import { LIMITS } from '../../../../shared/notebook/schema';
import { Dialog } from '../../app/Dialog';
import { describeError } from '../../app/describeError';
import { readInvite, safetyCodeFor, type ReadInvite } from '../../sync/circleRoom';
import { ColourPicker } from '../circles/ColourPicker';
import { useColourChoice } from '../circles/useColourChoice';
import { QrReader } from './QrReader';
import { SafetyCode } from './SafetyCode';
import { FieldError } from '../../app/FieldError';
import { DialogActions } from '../../app/DialogActions';

/** Props of {@link JoinCircleDialog}. */
export interface JoinCircleDialogProps {
  open: boolean;
  /** An invite that arrived as a link, to fill in. */
  initialInvite: string;
  onClose: () => void;
  onJoin: (join: JoinCircle) => Promise<void>;
  /** Switches to knocking on a door nearby instead. */
  onJoinNearby?: () => void;
}

/** Joins a circle from an invite. */
export function JoinCircleDialog({
  open,
  initialInvite,
  onClose,
  onJoin,
  onJoinNearby,
}: JoinCircleDialogProps) {
  const { t } = useTranslation();
  return (
    <Dialog
      open={open}
      title={t('join.title')}
      description={t('join.description')}
      onClose={onClose}
    >
      {open && (
        <JoinForm
          initialInvite={initialInvite}
          onClose={onClose}
          onJoin={onJoin}
          {...(onJoinNearby === undefined ? {} : { onJoinNearby })}
        />
      )}
    </Dialog>
  );
}

function JoinForm({
  initialInvite,
  onClose,
  onJoin,
  onJoinNearby,
}: Omit<JoinCircleDialogProps, 'open'>) {
  const { t } = useTranslation();
  const inviteId = useId();
  const nameId = useId();
  const [text, setText] = useState(initialInvite);
  const [memberName, setMemberName] = useState('');
  const { colour, colourChosen, choose: setColour } = useColourChoice();
  const [words, setWords] = useState<string[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [scanning, setScanning] = useState(false);
  const [scanned, setScanned] = useState(false);

  const read: ReadInvite | null = text.trim() === '' ? null : readInvite(text);
  const invite = read !== null && read.ok ? read.value : null;

  useEffect(() => {
    let live = true;
    if (invite === null) return;
    void safetyCodeFor(invite.circleKey).then((code) => {
      if (live) setWords(code);
    });
    return () => {
      live = false;
    };
  }, [invite?.circleKey]); // eslint-disable-line react-hooks/exhaustive-deps -- the key is what matters

  const submit = async (event: SyntheticEvent): Promise<void> => {
    event.preventDefault();
    if (invite === null) {
      setProblem(t('join.inviteUnreadable'));
      return;
    }
    if (memberName.trim() === '') {
      setProblem(t('join.nameMissing'));
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      await onJoin({ ...invite, memberName: memberName.trim(), colour, colourChosen });
    } catch (error) {
      setProblem(describeError(t, error));
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      {onJoinNearby !== undefined && (
        <p className="join__nearby">
          <button className="button button--quiet" type="button" onClick={onJoinNearby}>
            {t('nearby.open')}
          </button>
        </p>
      )}
      <div className="join__camera">
        <button
          className="button"
          type="button"
          aria-pressed={scanning}
          onClick={() => setScanning((on) => !on)}
        >
          {scanning ? t('qrReader.stop') : t('qrReader.open')}
        </button>
        {scanning && (
          <QrReader
            onText={(scannedText) => {
              const read = readInvite(scannedText);
              if (!read.ok) return false;
              setText(scannedText);
              setScanning(false);
              setScanned(true);
              return true;
            }}
          />
        )}
        {scanned && !scanning && <p role="status">{t('qrReader.found')}</p>}
      </div>
      <div className="field">
        <label className="field__label" htmlFor={inviteId}>
          {t('join.invite')}
        </label>
        <textarea
          id={inviteId}
          className="input"
          rows={3}
          value={text}
          onChange={(event) => setText(event.target.value)}
          placeholder="hearth://join/…"
          aria-invalid={read !== null && !read.ok}
          spellCheck={false}
        />
        <FieldError
          message={read !== null && !read.ok ? t('join.inviteUnreadable') : null}
          inline
        />
      </div>
      {invite !== null && (
        <>
          <p className="join__circle">{t('join.circleIs', { name: invite.name })}</p>
          {words.length > 0 && <SafetyCode words={words} />}
          <div className="field">
            <label className="field__label" htmlFor={nameId}>
              {t('circleForm.yourName')}
            </label>
            <input
              id={nameId}
              className="input"
              value={memberName}
              maxLength={LIMITS.memberName}
              onChange={(event) => setMemberName(event.target.value)}
              autoComplete="nickname"
            />
            <span className="field__hint">{t('circleForm.yourNameHint')}</span>
          </div>
          <ColourPicker value={colour} onChange={setColour} />
        </>
      )}
      <FieldError message={problem} />
      <DialogActions
        cancel={{ label: t('common.cancel'), onClick: onClose }}
        primary={{ label: t('join.join'), disabled: busy || invite === null }}
      />
    </form>
  );
}
