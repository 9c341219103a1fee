/**
 * "Need support now?": a calm panel with the emergency number and the crisis lines for
 * the member's region, and the circle's own lines when a circle is open. Everything it
 * shows is bundled or already on this laptop, so it opens and works with no network.
 * Changing the region is saved as a setting when the store answers; until then (or if
 * it never does) the panel simply shows the chosen region.
 */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { telHref } from '../../../../shared/crisis/crisisDirectory';
import type { Settings } from '../../../../shared/ipc/contract';
import { logger } from '../../../../shared/log';
import type { MemberId } from '../../../../shared/notebook/ids';
import type * as Y from 'yjs';
import { Dialog } from '../../app/Dialog';
import { useSystemLanguages } from '../../app/useAppliedLanguage';
import { CircleLinesSection } from './CircleLinesSection';
import { CrisisLineCard } from './CrisisLineCard';
import { chosenRegion, CRISIS_DIRECTORY, regionLines, regionName } from './crisisRegions';
import { DialogActions } from '../../app/DialogActions';

const log = logger('crisis');

/** The open circle, when there is one: its index document and who is reading. */
export interface SupportCircle {
  indexDoc: Y.Doc;
  memberId: MemberId;
}

/** Props of {@link SupportPanel}. */
export interface SupportPanelProps {
  open: boolean;
  onClose: () => void;
  settings: Settings;
  onUpdateSettings: (patch: Partial<Settings>) => Promise<void>;
  circle?: SupportCircle;
}

/**
 * The crisis lines panel. Its lines are worked out only while it is open: the button
 * waits on every screen, and naming every region in the member's language costs the
 * opening of a circle tens of milliseconds for a panel nobody has asked for yet.
 */
export function SupportPanel({
  open,
  onClose,
  settings,
  onUpdateSettings,
  circle,
}: SupportPanelProps) {
  const { t } = useTranslation();
  // Asked here, while the panel waits: opened, it shows the system's region at once.
  const system = useSystemLanguages();
  return (
    <Dialog open={open} title={t('crisis.title')} description={t('crisis.lead')} onClose={onClose}>
      {open && (
        <CrisisLines
          system={system}
          settings={settings}
          onUpdateSettings={onUpdateSettings}
          circle={circle}
          onClose={onClose}
        />
      )}
    </Dialog>
  );
}

// What the open panel shows: the emergency number, the region's lines, the circle's own.
function CrisisLines({
  system,
  settings,
  onUpdateSettings,
  circle,
  onClose,
}: Omit<SupportPanelProps, 'open'> & { system: readonly string[] }) {
  const { t, i18n } = useTranslation();
  const regionFieldId = useId();
  const linesTitleId = useId();
  // The system's languages carry its region (desktop: the OS's; browser mode: the browser's).
  const region = chosenRegion(settings.region, system);
  const lines = regionLines(region);
  const emergency = lines?.emergency.numbers ?? [];
  const language = i18n.language;
  const regions = CRISIS_DIRECTORY.regions
    .map((entry) => ({ code: entry.region, name: regionName(entry.region, language) }))
    .sort((a, b) => a.name.localeCompare(b.name, language));

  const chooseRegion = (code: string): void => {
    onUpdateSettings({ region: code === '' ? null : code }).catch((error: unknown) => {
      // Offline or the store is away: the panel already shows the choice.
      log.warn('the region could not be saved', { error: String(error) });
    });
  };

  return (
    <>
      <div className="crisis">
        <div className="crisis__danger">
          <p className="crisis__danger-text">
            {emergency.length > 0
              ? t('crisis.danger', { emergency: listOf(emergency, language) })
              : t('crisis.dangerUnknown')}
          </p>
          {emergency.length > 0 && (
            <div className="crisis-line__actions">
              {emergency.map((number) => (
                <a
                  key={number}
                  className="button button--primary crisis-line__call"
                  href={telHref(number)}
                  target="_blank"
                  rel="noreferrer"
                >
                  {t('crisis.call', { number })}
                </a>
              ))}
            </div>
          )}
        </div>

        <div className="field crisis__region">
          <label className="field__label" htmlFor={regionFieldId}>
            {t('crisis.region')}
          </label>
          <select
            id={regionFieldId}
            className="input"
            value={lines === null ? '' : lines.region}
            onChange={(event) => chooseRegion(event.target.value)}
          >
            {regions.map((entry) => (
              <option key={entry.code} value={entry.code}>
                {entry.name}
              </option>
            ))}
            <option value="">{t('crisis.regionOther')}</option>
          </select>
        </div>

        <section className="crisis__section" aria-labelledby={linesTitleId}>
          <h3 id={linesTitleId} className="crisis__heading">
            {lines === null
              ? t('crisis.linesNowhere')
              : t('crisis.linesFor', { region: regionName(lines.region, language) })}
          </h3>
          {lines === null ? (
            <p className="crisis__quiet">{t('crisis.noRegion')}</p>
          ) : (
            <ul className="crisis__lines">
              {lines.lines.map((line) => (
                <CrisisLineCard key={line.id} line={line} />
              ))}
            </ul>
          )}
        </section>

        {circle !== undefined && (
          <CircleLinesSection
            indexDoc={circle.indexDoc}
            memberId={circle.memberId}
            region={lines?.region ?? null}
          />
        )}

        <p className="crisis__quiet crisis__footnote">{t('crisis.howChecked')}</p>
      </div>
      <DialogActions>
        <button className="button" type="button" onClick={onClose}>
          {t('common.close')}
        </button>
      </DialogActions>
    </>
  );
}

// "112 or 999", in the member's language.
function listOf(numbers: readonly string[], language: string): string {
  try {
    return new Intl.ListFormat(language, { type: 'disjunction' }).format(numbers);
  } catch {
    return numbers.join(' / ');
  }
}
