/**
 * Tells the member, in plain words, when the store found a damaged file: what was
 * kept, what could not be read, and where the untouched copy was put.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StoreNotice } from '../../../../shared/ipc/contract';
import { hearth } from '../../lib/hearthApi';

/** Shows each store notice until the member dismisses it. */
export function NoticeBanner() {
  const { t } = useTranslation();
  const [notices, setNotices] = useState<StoreNotice[]>([]);

  useEffect(() => {
    let live = true;
    const add = (notice: StoreNotice): void =>
      setNotices((current) =>
        current.some((known) => known.id === notice.id) ? current : [...current, notice],
      );
    const unsubscribe = hearth.events.onNotice(add);
    hearth.notices.list().then(
      (listed) => {
        if (live) listed.forEach(add);
      },
      () => undefined,
    );
    return () => {
      live = false;
      unsubscribe();
    };
  }, []);

  if (notices.length === 0) return null;
  return (
    <section className="notices" aria-label={t('notices.label')}>
      {notices.map((notice) => (
        <div key={notice.id} className="notice" role="alert">
          <p className="notice__text">
            {t(`notices.${notice.kind}`, {
              circle: notice.circleName ?? t('notices.aCircle'),
              bytes: notice.bytesLost,
            })}
          </p>
          {notice.savedCopyPath !== null && (
            <p className="notice__path">
              {t('notices.savedCopy')} <code>{notice.savedCopyPath}</code>
            </p>
          )}
          <button
            className="button button--small"
            type="button"
            onClick={() => {
              setNotices((current) => current.filter((known) => known.id !== notice.id));
              void hearth.notices.dismiss(notice.id);
            }}
          >
            {t('notices.dismiss')}
          </button>
        </div>
      ))}
    </section>
  );
}
