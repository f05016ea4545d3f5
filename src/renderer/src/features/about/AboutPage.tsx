import { useAppInfoStore } from './store';
import { ErrorMessage } from '../../ui/ErrorMessage';

export function AboutPage() {
  const info = useAppInfoStore((state) => state.info);
  const error = useAppInfoStore((state) => state.error);

  return (
    <section aria-labelledby="about-title">
      <h1 id="about-title">About</h1>
      <p className="lead">
        A console for administrators of Sectigo Certificate Manager: guided procedures, the certificates and
        domains you manage, and a handbook that works offline.
      </p>
      {error === null ? null : <ErrorMessage error={error} />}
      {info === null ? (
        error === null ? <p aria-busy="true">Loading…</p> : null
      ) : (
        <dl className="facts">
          <dt>Version</dt>
          <dd data-testid="about-version">{info.version}</dd>
          <dt>Running in</dt>
          <dd>{info.shell === 'electron' ? 'Desktop app' : 'Browser shell'}</dd>
          <dt>Platform</dt>
          <dd>
            {info.platform} ({info.arch})
          </dd>
          {info.versions.electron === undefined ? null : (
            <>
              <dt>Electron</dt>
              <dd>{info.versions.electron}</dd>
            </>
          )}
          {info.versions.chromium === undefined ? null : (
            <>
              <dt>Chromium</dt>
              <dd>{info.versions.chromium}</dd>
            </>
          )}
          <dt>Node.js</dt>
          <dd>{info.versions.node}</dd>
          <dt>Data folder</dt>
          <dd>
            <code>{info.userDataDir}</code>
          </dd>
        </dl>
      )}
    </section>
  );
}
