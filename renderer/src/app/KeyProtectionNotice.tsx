/**
 * Tells the member, once, when this computer has no keychain for Hearth to keep circle
 * keys in (Linux without GNOME Keyring or KWallet: Electron's `basic_text` fallback), and
 * what that means for their notebook at rest. Settings says the same for as long as it
 * holds. Dismissing remembers it on this laptop.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KeyProtection } from '../../../shared/ipc/contract';
import { hearth } from '../lib/hearthApi';

const SEEN_KEY = 'hearth.keyProtectionNoticeSeen';

/** How circle keys are kept here, once main has said. */
export function useKeyProtection(): KeyProtection | null {
  const [protection, setProtection] = useState<KeyProtection | null>(null);
  useEffect(() => {
    let live = true;
    hearth.app.info().then(
      (info) => {
        if (live) setProtection(info.keyProtection ?? null);
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  return protection;
}

/** The one-time banner for the `basic_text` fallback. */
export function KeyProtectionNotice() {
  const { t } = useTranslation();
  const protection = useKeyProtection();
  const [seen, setSeen] = useState(() => localStorage.getItem(SEEN_KEY) === 'basic-text');
  if (protection !== 'basic-text' || seen) return null;
  return (
    <section className="notices" aria-label={t('keys.noticeLabel')}>
      <div className="notice" role="status">
        <p className="notice__text">{t('keys.basicTextNotice')}</p>
        <button
          className="button button--small"
          type="button"
          onClick={() => {
            localStorage.setItem(SEEN_KEY, 'basic-text');
            setSeen(true);
          }}
        >
          {t('keys.understood')}
        </button>
      </div>
    </section>
  );
}
