/**
 * Connection details, opened from the status line: which laptops this one is linked to,
 * how (a direct WebRTC link inside the room), and how much has passed each way. It
 * lets a facilitator see for themselves that nothing goes through anything else.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CircleSync } from '../../sync/circleSync';
import { useSyncStatus } from '../../sync/useCircleSync';

/** Props of {@link ConnectionDetails}. */
export interface ConnectionDetailsProps {
  sync: CircleSync;
  onClose: () => void;
}

/** A small panel listing this laptop's links. */
export function ConnectionDetails({ sync, onClose }: ConnectionDetailsProps) {
  const { t } = useTranslation();
  const status = useSyncStatus(sync);
  const [counters, setCounters] = useState(() => sync.linkCounters());

  useEffect(() => {
    const timer = setInterval(() => setCounters(sync.linkCounters()), 1000);
    return () => clearInterval(timer);
  }, [sync]);

  return (
    <section
      className="connection-details"
      aria-label={t('sync.detailsTitle')}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onClose();
      }}
    >
      <h2 className="connection-details__title">{t('sync.detailsTitle')}</h2>
      <p>
        {status.paused
          ? t('sync.pausedExplained')
          : t('sync.endpoints', { count: status.endpoints })}
      </p>
      {counters.length === 0 ? (
        <p>{t('sync.noLinks')}</p>
      ) : (
        <ul className="connection-details__links" data-testid="peer-links">
          {counters.map((link) => {
            const peer = status.peers.find((candidate) => candidate.peerId === link.peerId);
            return (
              <li key={link.peerId}>
                {t('sync.link', {
                  state:
                    peer === undefined
                      ? t('sync.linkOpening')
                      : peer.interrupted
                        ? t('sync.linkInterrupted')
                        : peer.inStep
                          ? t('sync.linkInStep')
                          : t('sync.linkSyncing'),
                  sent: link.framesSent,
                  received: link.framesReceived,
                })}
              </li>
            );
          })}
        </ul>
      )}
      <div className="connection-details__actions">
        <button
          className="button button--small"
          type="button"
          onClick={() => sync.setPaused(!status.paused)}
        >
          {status.paused ? t('sync.goOnline') : t('sync.goOffline')}
        </button>
        <button className="button button--small button--quiet" type="button" onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
    </section>
  );
}
