/** The "Need support now?" button, always one click from the crisis lines panel. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Settings } from '../../../../shared/ipc/contract';
import { SupportPanel, type SupportCircle } from './SupportPanel';

/** Props of {@link SupportButton}. */
export interface SupportButtonProps {
  settings: Settings;
  onUpdateSettings: (patch: Partial<Settings>) => Promise<void>;
  /** The open circle, whose own lines the panel shows too. */
  circle?: SupportCircle;
}

/** A gentle, always-visible button that opens the crisis lines panel. */
export function SupportButton({ settings, onUpdateSettings, circle }: SupportButtonProps) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button className="button button--support" type="button" onClick={() => setOpen(true)}>
        <span aria-hidden="true">♡</span>
        <span className="button__words">{t('crisis.open')}</span>
      </button>
      <SupportPanel
        open={open}
        onClose={() => setOpen(false)}
        settings={settings}
        onUpdateSettings={onUpdateSettings}
        circle={circle}
      />
    </>
  );
}
