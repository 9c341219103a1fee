/**
 * Connection details, opened from the status line: which laptops this one is linked to,
 * by whom, how (a direct WebRTC link, or one through the circle's relay, as ICE chose),
 * and how much has passed each way. It lets a facilitator see for themselves what goes
 * through anything else.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CircleSync } from '../../sync/circleSync';
import { useSyncStatus } from '../../sync/useCircleSync';

/** Props of {@link ConnectionDetails}. */
export interface ConnectionDetailsProps {
  sync: CircleSync;
  /** The name of a connected member, or null before their laptop has said who they are. */
  nameOf: (memberId: string | null) => string | null;
  onClose: () => void;
}

/** A small panel listing this laptop's links. */
export function ConnectionDetails({ sync, nameOf, onClose }: ConnectionDetailsProps) {
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
      {status.relayProblem !== null && (
        <p data-testid="relay-detail">
          {t(
            status.relayProblem.kind === 'refused'
              ? 'sync.relayRefused'
              : status.relayProblem.kind === 'expired'
                ? 'sync.relayExpired'
                : 'sync.relayUnreachable',
            { url: status.relayProblem.url },
          )}
        </p>
      )}
      {counters.length === 0 ? (
        <p>{t('sync.noLinks')}</p>
      ) : (
        <ul className="connection-details__links" data-testid="peer-links">
          {counters.map((link) => {
            const peer = status.peers.find((candidate) => candidate.peerId === link.peerId);
            return (
              <li
                key={link.peerId}
                data-path={peer?.path ?? 'unknown'}
                data-candidates={peer?.candidates ?? ''}
                data-member={peer?.memberId ?? ''}
              >
                {t('sync.linkTo', {
                  name: nameOf(peer?.memberId ?? null) ?? t('sync.someone'),
                  how:
                    peer?.path === 'relay'
                      ? t('sync.pathRelay')
                      : peer?.path === 'direct'
                        ? t('sync.pathDirect')
                        : t('sync.pathUnknown'),
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
