import { Link } from '@tanstack/react-router';
import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AdminsAttention, AttentionSummary as Summary, CertificatesAttention, ChecklistsAttention, DcvAttention, PasswordAttention } from '../../../../shared/attention';
import type { AppError } from '../../../../shared/result';
import { useErrorText } from '../../lib/errors';
import { dateFormat } from '../../lib/format';
import { useApiQuery } from '../../lib/query';
import { ErrorMessage } from '../../ui/ErrorMessage';

/** "12 Dec", as the user's locale writes a day and a month. */
function dayAndMonth(day: string): string {
  const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(day) ? `${day}T00:00:00Z` : day);
  return Number.isNaN(date.getTime()) ? day : dateFormat({ day: 'numeric', month: 'short', timeZone: 'UTC' }).format(date);
}

interface AttentionSummaryProps {
  /** Opens the Home page's password change, where the signed-in admin may change it. */
  onChangePassword?: (() => void) | undefined;
}

/**
 * What needs attention for the signed-in profile, read each time Home opens:
 * certificates and domain validations ending soon, passwords about to expire,
 * checklist runs left open. One line each, linking to the page that deals
 * with it; a part that could not be read says so and can be read again.
 */
export function AttentionSummary({ onChangePassword }: AttentionSummaryProps) {
  const { t } = useTranslation();
  const titleId = useId();
  const summary = useApiQuery('attention:summary', undefined, { staleTime: 0 });
  const retry = (): void => void summary.refetch();
  const data = summary.data;
  const lines = data === undefined ? [] : linesOf(data, retry, summary.isFetching, onChangePassword);

  return (
    <section className="panel" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('home.attention.title')}</h2>
      {summary.isPending ? <p aria-busy="true">{t('home.attention.reading')}</p> : null}
      {summary.error === null ? null : (
        <>
          <ErrorMessage error={summary.error.error} />
          <p className="form-actions">
            <button type="button" onClick={retry} disabled={summary.isFetching}>
              {t('home.attention.tryAgain')}
            </button>
          </p>
        </>
      )}
      {data === undefined ? null : lines.length === 0 ? <p>{t('home.attention.nothing')}</p> : <ul>{lines}</ul>}
    </section>
  );
}

/**
 * The lines to show: each part that found something, could not be read, or
 * (the certificates) was never read on this computer. Admins the Admins page
 * has not read are left out: the summary does not read every admin itself.
 */
function linesOf(data: Summary, retry: () => void, retrying: boolean, onChangePassword: (() => void) | undefined): ReactNode[] {
  const { certificates, dcv, password, admins, checklists } = data;
  const lines: ReactNode[] = [];
  if (certificates.state !== 'ready' || certificates.count > 0) lines.push(<CertificatesLine key="certificates" part={certificates} retry={retry} retrying={retrying} />);
  if (dcv.state !== 'ready' || dcv.count > 0) lines.push(<DcvLine key="dcv" part={dcv} retry={retry} retrying={retrying} />);
  if (password.state === 'ready' && password.due !== null) lines.push(<PasswordLine key="password" due={password.due} onChangePassword={onChangePassword} />);
  if (admins.state === 'ready' && admins.count > 0) lines.push(<AdminsLine key="admins" part={admins} />);
  if (checklists.state !== 'ready' || checklists.count > 0) lines.push(<ChecklistsLine key="checklists" part={checklists} retry={retry} retrying={retrying} />);
  return lines;
}

/** A part that could not be read: why, and a way to read the summary again. */
function Unavailable({ part, error, retry, retrying }: { part: 'certificates' | 'dcv' | 'checklists'; error: AppError; retry: () => void; retrying: boolean }) {
  const { t } = useTranslation();
  const text = useErrorText(error);
  return (
    <li>
      {t('home.attention.unavailable', { part: t(`home.attention.parts.${part}`), reason: text.message })}{' '}
      <button type="button" className="link-button" onClick={retry} disabled={retrying}>
        {t('home.attention.tryAgain')}
      </button>
    </li>
  );
}

function CertificatesLine({ part, retry, retrying }: { part: CertificatesAttention; retry: () => void; retrying: boolean }) {
  const { t } = useTranslation();
  if (part.state === 'unavailable') return <Unavailable part="certificates" error={part.error} retry={retry} retrying={retrying} />;
  const text =
    part.state === 'not-read'
      ? t(part.unreadable ? 'home.attention.certificatesUnreadable' : 'home.attention.certificatesNotRead')
      : t('home.attention.certificates', { count: part.count, days: part.windowDays, date: dayAndMonth(part.soonest[0]?.expires ?? '') });
  return (
    <li>
      <Link to={part.link.to} search={part.link.search}>
        {text}
      </Link>
    </li>
  );
}

function DcvLine({ part, retry, retrying }: { part: DcvAttention; retry: () => void; retrying: boolean }) {
  const { t } = useTranslation();
  if (part.state === 'unavailable') return <Unavailable part="dcv" error={part.error} retry={retry} retrying={retrying} />;
  const first = part.soonest[0];
  if (first === undefined) return null;
  const domain = first.domain;
  const text =
    part.count > 1
      ? t('home.attention.dcvMany', { number: part.count, days: part.windowDays, domain })
      : first.expired
        ? t('home.attention.dcvEnded', { domain })
        : first.daysLeft === 0
          ? t('home.attention.dcvEndsToday', { domain })
          : t('home.attention.dcvEnds', { domain, count: first.daysLeft ?? 0 });
  return (
    <li>
      <Link to={part.link.to} search={part.link.search}>
        {text}
      </Link>
    </li>
  );
}

function PasswordLine({ due, onChangePassword }: { due: NonNullable<Extract<PasswordAttention, { state: 'ready' }>['due']>; onChangePassword: (() => void) | undefined }) {
  const { t } = useTranslation();
  const text = due.expired ? t('home.attention.passwordExpired') : due.daysLeft === 0 ? t('home.attention.passwordToday') : t('home.attention.passwordDays', { count: due.daysLeft ?? 0 });
  return (
    <li>
      {/* The password is changed here on Home: the line opens that form rather than going elsewhere. */}
      {onChangePassword === undefined ? (
        text
      ) : (
        <button type="button" className="link-button" onClick={onChangePassword}>
          {text}
        </button>
      )}
    </li>
  );
}

function AdminsLine({ part }: { part: Extract<AdminsAttention, { state: 'ready' }> }) {
  const { t } = useTranslation();
  const first = part.soonest[0];
  if (first === undefined) return null;
  const name = first.displayName;
  const text =
    part.count > 1
      ? t('home.attention.adminsMany', { number: part.count, days: part.windowDays })
      : first.expired
        ? t('home.attention.adminExpired', { name })
        : first.daysLeft === 0
          ? t('home.attention.adminToday', { name })
          : t('home.attention.adminDays', { name, count: first.daysLeft ?? 0 });
  return (
    <li>
      <Link to={part.link.to} search={part.link.search}>
        {text}
      </Link>
      {part.complete ? null : <> {t('home.attention.soFar')}</>}
    </li>
  );
}

function ChecklistsLine({ part, retry, retrying }: { part: ChecklistsAttention; retry: () => void; retrying: boolean }) {
  const { t } = useTranslation();
  if (part.state === 'unavailable') return <Unavailable part="checklists" error={part.error} retry={retry} retrying={retrying} />;
  return (
    <li>
      <Link to={part.link.to}>{t('home.attention.runs', { count: part.count })}</Link>
      <ul>
        {part.runs.map((run) => {
          const title = t(`checklists.${run.checklistId}.title`);
          return (
            <li key={run.runId}>
              <Link to={run.link.to} params={run.link.params}>
                {run.step === null
                  ? t('home.attention.runNoStep', { title, target: run.targetName, status: t(`checklists.common.statuses.${run.status}`) })
                  : t('home.attention.run', {
                      title,
                      target: run.targetName,
                      number: run.step.number,
                      total: run.stepCount,
                      step: t(`checklists.${run.checklistId}.steps.${run.step.id}.title` as never),
                    })}
              </Link>
            </li>
          );
        })}
        {part.count > part.runs.length ? <li>{t('home.attention.moreRuns', { number: part.count - part.runs.length })}</li> : null}
      </ul>
    </li>
  );
}
