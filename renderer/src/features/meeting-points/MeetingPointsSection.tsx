/**
 * The circle's meeting points beyond the room, in the circle's About dialog: signalling
 * addresses and TURN relays a facilitator adds so members at home can join. Written to
 * the governance log (every laptop checks a facilitator wrote it) and carried by new
 * invites. A relay's coturn shared secret is used here once to derive credentials that
 * expire, and is then dropped with the form's state (shared/sync/turnCredentials.ts).
 */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IndexSnapshot } from '../../../../shared/notebook/circleIndex';
import {
  meetingPointsProblem,
  signallingProblem,
  turnCredentialExpiry,
  turnServerProblem,
  turnUrlProblem,
  type MeetingPointProblem,
  type TurnServer,
} from '../../../../shared/sync/meetingPoints';
import { restCredentials } from '../../../../shared/sync/turnCredentials';
import type { CircleSession } from '../../live-documents/circleSession';
import { FieldError } from '../../app/FieldError';

/** Props of {@link MeetingPointsSection}. */
export interface MeetingPointsSectionProps {
  session: CircleSession;
  snapshot: IndexSnapshot;
}

const EMPTY_RELAY = { url: '', username: '', credential: '', secret: '' };

/** The "Meeting points beyond the room" part of the circle's About dialog. */
export function MeetingPointsSection({ session, snapshot }: MeetingPointsSectionProps) {
  const { t, i18n } = useTranslation();
  const ids = { signalling: useId(), url: useId(), user: useId(), pass: useId(), secret: useId() };
  const { meetingPoints, facilitators } = snapshot.governance;
  const facilitates = facilitators.has(session.profile.memberId);
  const [text, setText] = useState(meetingPoints.signalling.join('\n'));
  const [relays, setRelays] = useState<TurnServer[]>([...meetingPoints.turn]);
  const [relay, setRelay] = useState(EMPTY_RELAY);
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  // When the dialog opened: expiry is told against it (a render reads no clock).
  const [openedAt] = useState(() => Date.now());

  const say = (kind: MeetingPointProblem, value = ''): void =>
    setProblem(t(`meetingPoints.problems.${kind}`, { value }));
  const expiry = (server: TurnServer): string => {
    const at = turnCredentialExpiry(server);
    if (at === null) return t('meetingPoints.noExpiry');
    const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium' }).format(at);
    return at > openedAt
      ? t('meetingPoints.expires', { date })
      : t('meetingPoints.expired', { date });
  };

  const addRelay = async (): Promise<void> => {
    const url = relay.url.trim();
    const urlProblem = turnUrlProblem(url);
    if (urlProblem !== null) {
      say(urlProblem, url);
      return;
    }
    const secret = relay.secret.trim();
    const server =
      secret === ''
        ? { url, username: relay.username.trim(), credential: relay.credential }
        : await restCredentials(url, secret, { name: 'hearth', now: Date.now() });
    const serverProblem = turnServerProblem(server);
    if (serverProblem !== null) {
      say(serverProblem, url);
      return;
    }
    setRelays((list) => [...list.filter((known) => known.url !== url), server]);
    // The secret goes with the form: nothing keeps it.
    setRelay(EMPTY_RELAY);
    setProblem(null);
    setSaved(false);
  };

  const save = (): void => {
    const signalling = text
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '');
    const wrong = signalling.find((line) => signallingProblem(line) !== null);
    if (wrong !== undefined) {
      say(signallingProblem(wrong)!, wrong);
      return;
    }
    const overall = meetingPointsProblem({ signalling, turn: relays });
    if (overall !== null) {
      say(overall);
      return;
    }
    session.index.govern({ kind: 'meeting-points', signalling, turn: relays, at: Date.now() });
    setProblem(null);
    setSaved(true);
  };

  const edit = (change: Partial<typeof EMPTY_RELAY>): void => {
    setRelay((current) => ({ ...current, ...change }));
    setSaved(false);
  };

  return (
    <section className="about-section" aria-labelledby="meeting-points-title">
      <h3 id="meeting-points-title" className="about-section__title">
        {t('meetingPoints.title')}
      </h3>
      <p className="about-section__text">{t('meetingPoints.about')}</p>
      {!facilitates ? (
        <>
          <ul className="meeting-points" data-testid="meeting-points">
            {meetingPoints.signalling.map((url) => (
              <li key={url}>{url}</li>
            ))}
            {meetingPoints.turn.map((server) => (
              <li key={server.url}>{`${server.url} (${expiry(server)})`}</li>
            ))}
          </ul>
          {meetingPoints.signalling.length + meetingPoints.turn.length === 0 && (
            <p className="about-section__text">{t('meetingPoints.none')}</p>
          )}
          <p className="about-section__text">{t('meetingPoints.onlyFacilitators')}</p>
        </>
      ) : (
        <div className="meeting-points-form">
          <div className="field">
            <label className="field__label" htmlFor={ids.signalling}>
              {t('meetingPoints.signalling')}
            </label>
            <textarea
              id={ids.signalling}
              className="input"
              rows={2}
              value={text}
              spellCheck={false}
              placeholder="wss://signal.example.org"
              onChange={(event) => {
                setText(event.target.value);
                setSaved(false);
              }}
            />
            <span className="field__hint">{t('meetingPoints.signallingHint')}</span>
          </div>
          <fieldset>
            <legend>{t('meetingPoints.relays')}</legend>
            <ul className="meeting-points" data-testid="meeting-points">
              {relays.map((server) => (
                <li key={server.url}>
                  {`${server.url} (${expiry(server)}) `}
                  <button
                    className="button button--small button--quiet"
                    type="button"
                    onClick={() => {
                      setRelays((list) => list.filter((known) => known.url !== server.url));
                      setSaved(false);
                    }}
                  >
                    {t('meetingPoints.removeRelay', { url: server.url })}
                  </button>
                </li>
              ))}
            </ul>
            <Field
              id={ids.url}
              label={t('meetingPoints.relayUrl')}
              value={relay.url}
              placeholder="turn:relay.example.org:3478"
              onChange={(url) => edit({ url })}
            />
            <Field
              id={ids.user}
              label={t('meetingPoints.relayUsername')}
              value={relay.username}
              onChange={(username) => edit({ username })}
            />
            <Field
              id={ids.pass}
              label={t('meetingPoints.relayCredential')}
              value={relay.credential}
              secret
              onChange={(credential) => edit({ credential })}
            />
            <Field
              id={ids.secret}
              label={t('meetingPoints.relaySecret')}
              value={relay.secret}
              hint={t('meetingPoints.relaySecretHint')}
              secret
              onChange={(secret) => edit({ secret })}
            />
            <button className="button button--small" type="button" onClick={() => void addRelay()}>
              {t('meetingPoints.addRelay')}
            </button>
          </fieldset>
          <FieldError message={problem} />
          <button className="button" type="button" onClick={save}>
            {saved ? t('meetingPoints.saved') : t('meetingPoints.save')}
          </button>
        </div>
      )}
    </section>
  );
}

function Field(props: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  placeholder?: string;
  hint?: string;
  secret?: boolean;
}) {
  return (
    <div className="field">
      <label className="field__label" htmlFor={props.id}>
        {props.label}
      </label>
      <input
        id={props.id}
        className="input"
        type={props.secret === true ? 'password' : 'text'}
        autoComplete="off"
        spellCheck={false}
        value={props.value}
        placeholder={props.placeholder}
        onChange={(event) => props.onChange(event.target.value)}
      />
      {props.hint !== undefined && <span className="field__hint">{props.hint}</span>}
    </div>
  );
}
