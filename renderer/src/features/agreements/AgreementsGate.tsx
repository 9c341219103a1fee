/**
 * Stands between a member and the notebook until they affirm the circle's agreements:
 * the calm "Our agreements" page in place of the notebook, or — when the agreements
 * changed while the member was writing — a gentle banner above it (see agreementsGate.ts
 * for exactly when each shows). The notebook is not rendered behind the page at all.
 */
import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { AgreementList } from './AgreementList';
import type { AgreementsGateState } from './useAgreementsGate';

/** Props of {@link AgreementsGate}. */
export interface AgreementsGateProps {
  gate: AgreementsGateState;
  circleName: string;
  /** The notebook, shown once nothing stands in the way. */
  children: ReactNode;
}

/** The notebook, the notebook with a banner, or the agreements page. */
export function AgreementsGate({ gate, circleName, children }: AgreementsGateProps) {
  const wasGate = useRef(gate.view === 'gate');
  useEffect(() => {
    // Once affirmed, focus goes to the notebook, not back to the top of the page.
    if (wasGate.current && gate.view !== 'gate') document.getElementById('notebook')?.focus();
    wasGate.current = gate.view === 'gate';
  }, [gate.view]);

  if (gate.view === 'gate' && gate.needed !== null) {
    return (
      <AgreementsPage
        circleName={circleName}
        text={gate.needed.text}
        version={gate.needed.version}
        changed={gate.needed.affirmedBefore}
        onAgree={gate.affirm}
      />
    );
  }
  return (
    <>
      {gate.view === 'banner' && <AgreementsChangedBanner onRead={gate.readNow} />}
      {children}
    </>
  );
}

function AgreementsPage({
  circleName,
  text,
  version,
  changed,
  onAgree,
}: {
  circleName: string;
  text: string;
  version: number;
  changed: boolean;
  onAgree: () => void;
}) {
  const { t } = useTranslation();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    // Someone arriving here by keyboard or screen reader starts at the heading.
    headingRef.current?.focus();
  }, []);

  return (
    // The page takes the notebook's place, and its id, so "Skip to the notebook" lands here.
    <main id="notebook" className="agreements-gate" aria-labelledby="agreements-gate-title">
      <div className="agreements-gate__card">
        <p className="agreements-gate__circle">{circleName}</p>
        <h1
          id="agreements-gate-title"
          ref={headingRef}
          tabIndex={-1}
          className="agreements-gate__title"
        >
          {t('agreements.gateTitle')}
        </h1>
        <p className="agreements-gate__intro">
          {changed
            ? t('agreements.gateIntroChanged', { name: circleName })
            : t('agreements.gateIntro', { name: circleName })}
        </p>
        <AgreementList text={text} size="large" label={t('agreements.listLabel', { version })} />
        <p className="agreements-gate__note">{t('agreements.gateNote')}</p>
        <button
          className="button button--primary agreements-gate__agree"
          type="button"
          onClick={onAgree}
        >
          {t('agreements.agree')}
        </button>
      </div>
    </main>
  );
}

function AgreementsChangedBanner({ onRead }: { onRead: () => void }) {
  const { t } = useTranslation();
  return (
    <section className="agreements-banner" role="status" aria-label={t('agreements.bannerLabel')}>
      <p className="agreements-banner__text">{t('agreements.changedBanner')}</p>
      <button className="button button--small" type="button" onClick={onRead}>
        {t('agreements.readNow')}
      </button>
    </section>
  );
}
