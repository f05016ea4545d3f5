import { Link, useNavigate, useParams } from '@tanstack/react-router';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { stepFinished, type ChecklistRun, type RequestPreview, type SecretReveal, type StepAction, type StepKind, type StepPlan, type StepRecord } from '../../../../shared/checklists';
import type { Job } from '../../../../shared/jobs';
import type { AppError, MessageParams } from '../../../../shared/result';
import { download } from '../../lib/download';
import { formatDateTime, formatNumber } from '../../lib/format';
import { useJob, useJobsStore } from '../../lib/jobs';
import { ApiError, invalidate, request, useApiQuery } from '../../lib/query';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { ProgressBar } from '../../ui/ProgressBar';
import { StatusMessage } from '../../ui/StatusMessage';
import { useHandbookStore } from '../handbook/store';
import { useSessionStore } from '../session/store';
import { messageText, stepParams, textOf } from './words';

const stateIcons: Record<StepRecord['state'], string> = { pending: '○', running: '◔', done: '✓', verified: '✔', failed: '✕', skipped: '↷' };

/** The step a run is at: the first not finished; none when every step is. */
function currentStep(run: ChecklistRun): StepRecord | undefined {
  return run.steps.find((step) => !stepFinished(step.state));
}

/** The job of this run the page follows: one under way, else the last one it started. */
function useRunJob(runId: string, started: string | null): Job | undefined {
  const running = useJobsStore((state) => Object.values(state.jobs).find((job) => job.subject === runId && job.state === 'running'));
  const mine = useJob(started);
  return running ?? mine;
}

/** One checklist run: its steps on the left, the chosen one on the right with what it does and the button that does it. */
export function RunPage() {
  const { t } = useTranslation();
  const { runId } = useParams({ from: '/checklists/runs/$runId' });
  const navigate = useNavigate();
  const session = useSessionStore((state) => state.session);
  const openPanel = useHandbookStore((state) => state.openPanel);
  const runQuery = useApiQuery('checklists:get', { runId }, { staleTime: 0 });
  const list = useApiQuery('checklists:list', undefined, { staleTime: Infinity });
  const run = runQuery.data;
  const [startedJob, setStartedJob] = useState<string | null>(null);
  const job = useRunJob(runId, startedJob);
  const busy = job?.state === 'running';
  const [cancelling, setCancelling] = useState(false);
  const [startError, setStartError] = useState<AppError | null>(null);
  const [chosen, setChosen] = useState<string | null>(null);
  const [deleting, setDeleting] = useState(false);
  const current = run === undefined ? undefined : currentStep(run);
  const shown = run?.steps.find((step) => step.id === chosen) ?? current ?? run?.steps.at(-1);
  const mayAct = run !== undefined && session?.status === 'signed-in' && session.profileId === run.profileId;
  const planQuery = useApiQuery('checklists:plan', { runId, ...(shown === undefined ? {} : { stepId: shown.id }) }, { enabled: mayAct && shown !== undefined && !busy, staleTime: 0 });
  const descriptor = list.data?.find((entry) => entry.id === run?.checklistId);
  const lastJobState = useRef<string | undefined>(undefined);

  // When a step's work ends, the run and the plan are read again; the page moves on to the step now current.
  useEffect(() => {
    const state = job === undefined ? undefined : `${job.id}:${job.state}`;
    if (state === lastJobState.current) return;
    lastJobState.current = state;
    if (job !== undefined && job.state !== 'running') {
      setCancelling(false);
      setChosen(null);
      void invalidate('checklists:get');
      void invalidate('checklists:plan');
      void invalidate('checklists:runs');
    }
  }, [job]);

  if (runQuery.error !== null) {
    return (
      <section aria-labelledby="run-title">
        <p>
          <Link to="/checklists">{t('checklistsPage.run.back')}</Link>
        </p>
        <h1 id="run-title">{t('checklistsPage.title')}</h1>
        <ErrorMessage error={runQuery.error.error} />
      </section>
    );
  }
  if (run === undefined) {
    return (
      <p role="status" className="status">
        <span className="spinner" aria-hidden="true" />
      </p>
    );
  }

  const title = t(`checklists.${run.checklistId}.title`);
  const start = async (stepId: string, action: StepAction): Promise<void> => {
    setStartError(null);
    try {
      const started = await useJobsStore.getState().start({ kind: 'checklists:step', runId, stepId, action });
      setStartedJob(started.id);
    } catch (error) {
      if (error instanceof ApiError) setStartError(error.error);
      else throw error;
    }
  };
  const verifyAll = async (): Promise<void> => {
    setStartError(null);
    try {
      const started = await useJobsStore.getState().start({ kind: 'checklists:verify', runId });
      setStartedJob(started.id);
    } catch (error) {
      if (error instanceof ApiError) setStartError(error.error);
      else throw error;
    }
  };
  const anchorOf = (stepId: string): string | undefined => descriptor?.steps.find((step) => step.id === stepId)?.anchor;

  return (
    <section aria-labelledby="run-title" className="run-page">
      <p>
        <Link to="/checklists">{t('checklistsPage.run.back')}</Link>
      </p>
      <header className="page-header">
        <div>
          <h1 id="run-title">{title}</h1>
          <p className="lead">
            {run.target.name} <span className="muted">({t(`checklistsPage.units.${run.target.kind}`)})</span>
          </p>
          <p className="field-hint">
            <span className={`status-word run-status-${run.status}`}>{t(`checklists.common.statuses.${run.status}`)}</span> · {t('checklistsPage.run.profile')}: {run.profileName} · {t('checklistsPage.run.startedBy', { who: run.startedBy, time: formatDateTime(run.createdAt) })}
            {run.finishedAt === null ? null : <> · {t('checklistsPage.run.finishedAt', { time: formatDateTime(run.finishedAt) })}</>}
          </p>
        </div>
        {descriptor === undefined ? null : (
          <button type="button" className="link-button" onClick={() => openPanel(descriptor.anchor)}>
            {t('checklistsPage.aboutProcedure')}
          </button>
        )}
      </header>

      {mayAct ? null : (
        <p className="notice">
          {t('checklistsPage.run.notSignedIn', { profile: run.profileName })} <Link to="/home">{t('checklistsPage.run.notSignedInLink')}</Link>
        </p>
      )}
      {startError === null ? null : <ErrorMessage error={startError} />}
      {busy ? (
        <ProgressBar
          label={job.kind === 'checklists:verify' ? t('checklistsPage.run.checking') : t('checklistsPage.run.working', { title: shown === undefined ? title : t(`checklists.${run.checklistId}.steps.${shown.id}.title` as never) })}
          progress={job.progress}
          onCancel={() => {
            setCancelling(true);
            void useJobsStore.getState().cancel(job.id);
          }}
          cancelling={cancelling}
        />
      ) : null}
      {job?.state === 'failed' && job.error !== null ? <ErrorMessage error={job.error} /> : null}
      {job?.state === 'cancelled' ? <p className="notice">{t('checklistsPage.run.cancelled')}</p> : null}

      <div className="run-layout">
        <nav aria-labelledby="steps-title" className="stepper">
          <h2 id="steps-title">{t('checklistsPage.run.stepsTitle')}</h2>
          <ol>
            {run.steps.map((step, index) => (
              <li key={step.id} className={`step step-${step.state}`}>
                <button type="button" className="step-button" aria-current={step.id === current?.id ? 'step' : undefined} aria-pressed={step.id === shown?.id} onClick={() => setChosen(step.id)}>
                  <span className="step-icon" aria-hidden="true">
                    {stateIcons[step.state]}
                  </span>
                  <span className="step-name">
                    {index + 1}. {t(`checklists.${run.checklistId}.steps.${step.id}.title` as never)}
                  </span>
                  <span className="step-state">
                    {t(`checklists.common.states.${step.state}`)}
                    {step.id === current?.id ? ` · ${t('checklistsPage.run.current')}` : ''}
                  </span>
                </button>
              </li>
            ))}
          </ol>
        </nav>
        <div className="run-main">
          {shown === undefined ? null : (
            <StepPanel
              key={shown.id}
              run={run}
              step={shown}
              number={run.steps.indexOf(shown) + 1}
              isCurrent={shown.id === current?.id}
              plan={planQuery.data?.stepId === shown.id ? planQuery.data : undefined}
              planError={planQuery.error?.error ?? null}
              readingPlan={planQuery.isFetching}
              onReadPlanAgain={() => void planQuery.refetch()}
              mayAct={mayAct && !busy}
              anchor={anchorOf(shown.id)}
              onAction={(action) => void start(shown.id, action)}
            />
          )}
          {run.status === 'done' ? <FinishedPanel run={run} mayAct={mayAct && !busy} onVerifyAll={() => void verifyAll()} /> : null}
          <ExportPanel run={run} />
          <p className="form-actions">
            <button type="button" className="danger" onClick={() => setDeleting(true)} disabled={busy}>
              {t('checklistsPage.run.delete')}
            </button>
          </p>
        </div>
      </div>
      {deleting ? (
        <DeleteDialog
          run={run}
          title={title}
          onClose={() => setDeleting(false)}
          onDeleted={() => {
            setDeleting(false);
            void invalidate('checklists:runs');
            void navigate({ to: '/checklists' });
          }}
        />
      ) : null}
    </section>
  );
}

function DeleteDialog({ run, title, onClose, onDeleted }: { run: ChecklistRun; title: string; onClose: () => void; onDeleted: () => void }) {
  const { t } = useTranslation();
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <ConfirmDialog
      title={t('checklistsPage.run.deleteTitle')}
      confirmLabel={t('checklistsPage.run.deleteButton')}
      busy={busy}
      onCancel={onClose}
      onConfirm={() => {
        setBusy(true);
        request('checklists:delete', { runId: run.id }).then(onDeleted, (caught: unknown) => {
          setBusy(false);
          if (caught instanceof ApiError) setError(caught.error);
        });
      }}
    >
      <p>{t('checklistsPage.run.deleteText', { title, target: run.target.name })}</p>
      {error === null ? null : <ErrorMessage error={error} />}
    </ConfirmDialog>
  );
}

interface StepPanelProps {
  run: ChecklistRun;
  step: StepRecord;
  number: number;
  isCurrent: boolean;
  plan: StepPlan | undefined;
  planError: AppError | null;
  /** The plan is being read (again). */
  readingPlan: boolean;
  onReadPlanAgain: () => void;
  mayAct: boolean;
  anchor: string | undefined;
  onAction: (action: StepAction) => void;
}

/** The step shown: why it matters, what happens, what will be sent or what to do, and its buttons; then what it did. */
function StepPanel({ run, step, number, isCurrent, plan, planError, readingPlan, onReadPlanAgain, mayAct, anchor, onAction }: StepPanelProps) {
  const { t } = useTranslation();
  const openPanel = useHandbookStore((state) => state.openPanel);
  const [confirming, setConfirming] = useState(false);
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const fallback: MessageParams = { unit: run.target.name, ...(typeof run.inputs.login === 'string' ? { login: run.inputs.login } : {}) };
  const params = stepParams({ ...fallback, ...(plan?.params ?? {}) });
  const kind: StepKind = plan?.kind ?? step.kind;
  const prefix = `${run.checklistId}.steps.${step.id}`;
  const stepTitle = t(`checklists.${prefix}.title` as never);
  const why = textOf(t, `${prefix}.why`, params);
  const does = kind === 'manual' ? (textOf(t, `${prefix}.manual`, params) ?? textOf(t, `${prefix}.does`, params)) : kind === 'verify' && step.id === 'api-only' ? textOf(t, `${prefix}.current`, params) : textOf(t, `${prefix}.does`, params);
  const finished = stepFinished(step.state);
  const blockers = plan?.blockers ?? [];
  const canAct = mayAct && isCurrent && !finished && plan !== undefined;

  // The step that becomes current after another ended takes the focus, so keyboard and screen reader users follow the run.
  useEffect(() => {
    if (isCurrent) heading.current?.focus();
  }, [isCurrent]);

  const primary = (): { label: string; action: StepAction } | null => {
    if (plan === undefined) return null;
    if (plan.skipReason !== null) return { label: t('checklistsPage.run.actions.goOn'), action: kind === 'manual' ? 'confirm' : kind === 'info' ? 'acknowledge' : 'run' };
    switch (kind) {
      case 'action':
        return { label: step.interrupted ? t('checklistsPage.run.actions.resume') : step.state === 'failed' ? t('checklistsPage.run.actions.retry') : t('checklistsPage.run.actions.run'), action: 'run' };
      case 'verify':
        return { label: step.state === 'failed' ? t('checklistsPage.run.actions.retry') : t('checklistsPage.run.actions.check'), action: 'run' };
      case 'manual':
        return plan.canVerify ? { label: t('checklistsPage.run.actions.verify'), action: 'verify' } : null;
      case 'info':
        return { label: t('checklistsPage.run.actions.acknowledge'), action: 'acknowledge' };
    }
  };
  const main = primary();

  return (
    <article className="panel step-panel" aria-labelledby={headingId}>
      <p className="field-hint">
        {t('checklistsPage.run.stepOf', { number, total: run.steps.length })} · {t(`checklists.common.kinds.${kind}`)}
      </p>
      <h2 id={headingId} tabIndex={-1} ref={heading}>
        {stepTitle}
      </h2>
      <p>
        <span className={`status-word step-state-${step.state}`}>{t(`checklists.common.states.${step.state}`)}</span>
      </p>
      {why === undefined ? null : (
        <>
          <h3>{t('checklistsPage.run.why')}</h3>
          <p>{why}</p>
        </>
      )}
      {does === undefined ? null : (
        <>
          <h3>{kind === 'manual' ? t('checklistsPage.run.instructions') : t('checklistsPage.run.does')}</h3>
          <p>{does}</p>
        </>
      )}
      {anchor === undefined ? null : (
        <p>
          <button type="button" className="link-button" onClick={() => openPanel(anchor)}>
            {t('common.whatThisMeans')}
          </button>
        </p>
      )}
      {!finished && plan !== undefined && plan.requests.length > 0 ? <Requests title={t('checklistsPage.run.willSend')} requests={plan.requests} /> : null}
      {plan !== undefined && plan.copy.length > 0 ? <CopyValues values={plan.copy.map((entry) => ({ label: messageText(entry.label), value: entry.value }))} /> : null}
      {!finished && plan !== undefined && plan.skipReason !== null ? (
        <div className="notice">
          <p>{t('checklistsPage.run.skipReason')}</p>
          <p>{messageText(plan.skipReason)}</p>
        </div>
      ) : null}
      {!finished && blockers.length > 0 ? (
        <div className="warning" role="alert">
          <p>{t('checklistsPage.run.blockers')}</p>
          <ul>
            {blockers.map((blocker) => (
              <li key={blocker.key + blocker.text}>{messageText(blocker)}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {isCurrent && step.interrupted ? <p className="notice">{t('checklistsPage.run.interrupted')}</p> : null}
      {isCurrent && !finished && mayAct && planError !== null ? (
        <>
          <ErrorMessage error={planError} />
          <p className="form-actions">
            <button type="button" onClick={onReadPlanAgain} disabled={readingPlan}>
              {t('checklistsPage.run.readPlanAgain')}
            </button>
          </p>
        </>
      ) : null}

      {(run.checklistId === 'api-admin' || run.checklistId === 'new-department') && step.id === 'hand-over' ? <RevealPassword run={run} mayAct={mayAct} /> : null}
      {run.checklistId === 'rest-api' && step.id === 'secret-key' && canAct && plan.skipReason === null ? <SecretKey run={run} /> : null}
      {canAct && plan.skipReason === null && plan.secret !== null && plan.secret !== undefined ? <StepSecret run={run} label={messageText(plan.secret.label)} held={plan.secret.held} /> : null}

      {canAct ? (
        <p className="form-actions step-actions">
          {main === null ? null : (
            <button type="button" className="primary" disabled={kind === 'action' && blockers.length > 0 && plan.skipReason === null} onClick={() => (main.action === 'run' && plan.requests.length > 0 ? setConfirming(true) : onAction(main.action))}>
              {main.label}
            </button>
          )}
          {kind === 'manual' && plan.skipReason === null ? (
            <button type="button" className={main === null ? 'primary' : undefined} onClick={() => onAction('confirm')}>
              {t('checklistsPage.run.actions.confirm')}
            </button>
          ) : null}
          {plan.canSkip && plan.skipReason === null ? (
            <button type="button" onClick={() => onAction('skip')}>
              {t('checklistsPage.run.actions.skip')}
            </button>
          ) : null}
        </p>
      ) : null}

      <StepRecordView step={step} />

      {confirming && plan !== undefined ? (
        <ConfirmDialog
          title={t('checklistsPage.run.confirmTitle', { title: stepTitle })}
          confirmLabel={t('checklistsPage.run.confirmButton')}
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            onAction('run');
          }}
        >
          <p>{t('checklistsPage.run.confirmText', { who: plan.requests[0]?.as ?? run.startedBy })}</p>
          <Requests requests={plan.requests} />
        </ConfirmDialog>
      ) : null}
    </article>
  );
}

/** Requests as the console shows them: method, path, who sends it, and the body with every secret replaced. */
function Requests({ title, requests }: { title?: string; requests: RequestPreview[] }) {
  const { t } = useTranslation();
  return (
    <div className="requests">
      {title === undefined ? null : <h3>{title}</h3>}
      <ol className="plain-list">
        {requests.map((entry, index) => (
          <li key={`${entry.method}${entry.path}${index}`}>
            <p>
              <code>{t('checklistsPage.run.sentAs', { method: entry.method, path: entry.path, who: entry.as })}</code>
            </p>
            {entry.body === undefined ? null : <pre className="code-block request-body">{JSON.stringify(entry.body, null, 2)}</pre>}
          </li>
        ))}
      </ol>
      <p className="field-hint">{t('checklistsPage.run.secretsMasked')}</p>
    </div>
  );
}

function CopyValues({ values }: { values: { label: string; value: string }[] }) {
  const { t } = useTranslation();
  const [said, setSaid] = useState('');
  return (
    <div className="copy-values">
      <h3>{t('checklistsPage.run.copyTitle')}</h3>
      <dl className="facts">
        {values.map((entry) => (
          <div key={entry.label}>
            <dt>{entry.label}</dt>
            <dd>
              {entry.value.includes('\n') ? <pre className="code-block copy-value" tabIndex={0} aria-label={entry.label}>{entry.value}</pre> : <code>{entry.value}</code>}{' '}
              <button
                type="button"
                aria-label={`${t('checklistsPage.run.copy')}: ${entry.label}`}
                onClick={() =>
                  void navigator.clipboard.writeText(entry.value).then(
                    () => setSaid(t('checklistsPage.run.copied', { label: entry.label })),
                    () => setSaid(t('checklistsPage.run.copyFailed')),
                  )
                }
              >
                {t('checklistsPage.run.copy')}
              </button>
            </dd>
          </div>
        ))}
      </dl>
      <StatusMessage>{said}</StatusMessage>
    </div>
  );
}

/** What a step did: its outcome, the lines under it, its error, who and when, and what was sent. */
function StepRecordView({ step }: { step: StepRecord }) {
  const { t } = useTranslation();
  if (step.outcome === null && step.error === null && step.sent.length === 0) return null;
  return (
    <div className="step-record">
      <h3>{t('checklistsPage.run.outcome')}</h3>
      <div role="status" aria-live="polite">
        {step.outcome === null ? null : <p className="step-outcome">{messageText(step.outcome)}</p>}
      </div>
      {step.details.length === 0 ? null : (
        <ul className="plain-list step-details">
          {step.details.map((detail, index) => (
            <li key={`${detail.key}${index}`}>{messageText(detail)}</li>
          ))}
        </ul>
      )}
      {step.state === 'failed' && step.error !== null ? <ErrorMessage error={step.error} /> : null}
      <p className="field-hint">
        {step.by === null || step.endedAt === null ? null : t('checklistsPage.run.by', { who: step.by, time: formatDateTime(step.endedAt) })}
        {step.attempts > 0 ? ` · ${t('checklistsPage.run.attempts', { count: step.attempts })}` : null}
        {step.ids.length > 0 ? ` · ${t('checklistsPage.run.ids', { ids: step.ids.join(', ') })}` : null}
      </p>
      {step.sent.length === 0 ? null : (
        <details>
          <summary>{t('checklistsPage.run.sentTitle')}</summary>
          <Requests requests={step.sent} />
        </details>
      )}
    </div>
  );
}

/** The new admin's password, shown once on purpose, with a warning, until the person says they kept it. */
function RevealPassword({ run, mayAct }: { run: ChecklistRun; mayAct: boolean }) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  const [shown, setShown] = useState<SecretReveal | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [copied, setCopied] = useState(false);
  const login = typeof run.inputs.login === 'string' ? run.inputs.login : '';
  const shownAt = typeof run.facts.shownAt === 'string' ? run.facts.shownAt : null;
  // A DRAO's temporary password goes to a person, by another channel than the login.
  const person = run.checklistId === 'new-department';
  if (shown !== null) {
    return (
      <section className="panel password-change" aria-label={person ? t('checklistsPage.run.reveal.person.shownTitle', { login }) : t('checklistsPage.run.reveal.shownTitle', { login })}>
        <h3>{person ? t('checklistsPage.run.reveal.person.shownTitle', { login }) : t('checklistsPage.run.reveal.shownTitle', { login })}</h3>
        <div className="warning" role="alert">
          <p>
            <strong>{t('checklistsPage.run.reveal.onlyTime')}</strong> {person ? t('checklistsPage.run.reveal.person.advice') : shown.keptIn === 'keychain' ? t('checklistsPage.run.reveal.keptKeychain') : t('checklistsPage.run.reveal.keptSession')}
          </p>
        </div>
        <p>
          <code className="shown-secret" data-testid="revealed-password">
            {shown.password}
          </code>
        </p>
        <p className="form-actions">
          <button type="button" onClick={() => void navigator.clipboard.writeText(shown.password).then(() => setCopied(true), () => setCopied(false))}>
            {t('checklistsPage.run.reveal.copy')}
          </button>
          <button
            type="button"
            className="primary"
            onClick={() => {
              setShown(null);
              void invalidate('checklists:get');
              void invalidate('checklists:plan');
            }}
          >
            {person ? t('checklistsPage.run.reveal.person.kept') : t('checklistsPage.run.reveal.kept')}
          </button>
        </p>
        <StatusMessage>{copied ? t('checklistsPage.run.reveal.copied') : ''}</StatusMessage>
      </section>
    );
  }
  if (shownAt !== null) return <p className="field-hint">{t('checklistsPage.run.reveal.shownAt', { time: formatDateTime(shownAt) })}</p>;
  if (run.facts.passwordSet !== true || !mayAct) return null;
  return (
    <>
      <p className="form-actions">
        <button type="button" onClick={() => setAsking(true)}>
          {person ? t('checklistsPage.run.reveal.person.button') : t('checklistsPage.run.reveal.button')}
        </button>
      </p>
      {error === null ? null : <ErrorMessage error={error} />}
      {asking ? (
        <ConfirmDialog
          title={person ? t('checklistsPage.run.reveal.person.title', { login }) : t('checklistsPage.run.reveal.title', { login })}
          confirmLabel={t('checklistsPage.run.reveal.confirm')}
          onCancel={() => setAsking(false)}
          onConfirm={() => {
            setAsking(false);
            setError(null);
            request('checklists:reveal', { runId: run.id }).then(setShown, (caught: unknown) => {
              if (caught instanceof ApiError) setError(caught.error);
            });
          }}
        >
          <p>{person ? t('checklistsPage.run.reveal.person.text') : t('checklistsPage.run.reveal.text')}</p>
        </ConfirmDialog>
      ) : null}
    </>
  );
}

/** A value for an older SCM's Secret Key field: made in main when asked, shown once, kept nowhere. */
function SecretKey({ run }: { run: ChecklistRun }) {
  const { t } = useTranslation();
  const [value, setValue] = useState<string | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  if (value !== null) {
    return (
      <section className="panel" aria-label={t('checklistsPage.run.secretKey.title')}>
        <h3>{t('checklistsPage.run.secretKey.title')}</h3>
        <p>{t('checklistsPage.run.secretKey.text')}</p>
        <CopyValues values={[{ label: t('checklists.rest-api.copy.secretKey'), value }]} />
        <p className="form-actions">
          <button type="button" onClick={() => setValue(null)}>
            {t('checklistsPage.run.secretKey.done')}
          </button>
        </p>
      </section>
    );
  }
  return (
    <>
      <p className="form-actions">
        <button
          type="button"
          onClick={() => {
            setError(null);
            request('checklists:secretKey', { runId: run.id }).then(
              (made) => setValue(made.value),
              (caught: unknown) => {
                if (caught instanceof ApiError) setError(caught.error);
              },
            );
          }}
        >
          {t('checklistsPage.run.secretKey.button')}
        </button>
      </p>
      {error === null ? null : <ErrorMessage error={error} />}
    </>
  );
}

/**
 * A secret a step needs (a key's passphrase): typed into a field React does
 * not keep, sent to main once, and cleared; main holds it for the run only.
 */
function StepSecret({ run, label, held }: { run: ChecklistRun; label: string; held: boolean }) {
  const { t } = useTranslation();
  const fieldId = useId();
  const hintId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [again, setAgain] = useState(false);
  if (held && !again) {
    return (
      <div className="notice">
        <p role="status">{t('checklistsPage.run.secret.held')}</p>
        <p className="form-actions">
          <button type="button" onClick={() => setAgain(true)}>
            {t('checklistsPage.run.secret.replace')}
          </button>
        </p>
      </div>
    );
  }
  const give = (): void => {
    const field = input.current;
    if (field === null || field.value === '') return;
    const value = field.value;
    field.value = '';
    setError(null);
    request('checklists:secret', { runId: run.id, value }).then(
      () => {
        setAgain(false);
        void invalidate('checklists:plan');
      },
      (caught: unknown) => {
        if (caught instanceof ApiError) setError(caught.error);
      },
    );
  };
  return (
    <form
      className="step-secret"
      onSubmit={(event) => {
        event.preventDefault();
        give();
      }}
    >
      <label htmlFor={fieldId}>{label}</label>
      <p className="field-hint" id={hintId}>
        {t('checklistsPage.run.secret.hint')}
      </p>
      <input id={fieldId} ref={input} type="password" autoComplete="new-password" aria-describedby={hintId} />
      <p className="form-actions">
        <button type="submit">{t('checklistsPage.run.secret.give')}</button>
      </p>
      {error === null ? null : <ErrorMessage error={error} />}
    </form>
  );
}

/** A finished run: Verify all, and what the last check found. */
function FinishedPanel({ run, mayAct, onVerifyAll }: { run: ChecklistRun; mayAct: boolean; onVerifyAll: () => void }) {
  const { t } = useTranslation();
  const check = run.lastCheck;
  const holding = useMemo(() => check?.results.filter((result) => result.holds).length ?? 0, [check]);
  return (
    <section className="panel finished-panel" aria-labelledby="finished-title">
      <h2 id="finished-title">{t('checklistsPage.run.finishedTitle')}</h2>
      <p>{t('checklistsPage.run.finishedText')}</p>
      <p className="form-actions">
        <button type="button" className="primary" onClick={onVerifyAll} disabled={!mayAct}>
          {t('checklistsPage.run.verifyAll')}
        </button>
      </p>
      <h3>{t('checklistsPage.run.lastCheck')}</h3>
      {check === null ? (
        <p className="muted">{t('checklistsPage.run.noCheckYet')}</p>
      ) : (
        <>
          <p>{t('checklistsPage.run.checkedAt', { time: formatDateTime(check.at), who: check.by, holding: formatNumber(holding), count: formatNumber(check.results.length) })}</p>
          <table className="check-table">
            <thead>
              <tr>
                <th scope="col">{t('checklistsPage.run.stepsTitle')}</th>
                <th scope="col">{t('checklistsPage.columns.status')}</th>
                <th scope="col">{t('checklistsPage.run.details')}</th>
              </tr>
            </thead>
            <tbody>
              {check.results.map((result) => (
                <tr key={result.stepId}>
                  <td>{t(`checklists.${run.checklistId}.steps.${result.stepId}.title` as never)}</td>
                  <td>
                    <span className={`status-word ${result.holds ? 'check-holds' : 'check-drifted'}`}>{result.holds ? t('checklistsPage.run.holds') : t('checklistsPage.run.drifted')}</span>
                  </td>
                  <td>{messageText(result.message)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

/** The run as a record to keep: Markdown or a printable page, in English or Swedish. */
function ExportPanel({ run }: { run: ChecklistRun }) {
  const { t, i18n } = useTranslation();
  const [format, setFormat] = useState<'md' | 'html'>('html');
  const [language, setLanguage] = useState<'en' | 'sv'>(i18n.language === 'sv' ? 'sv' : 'en');
  const [said, setSaid] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  const ids = { format: useId(), language: useId() };
  return (
    <section className="panel export-panel" aria-labelledby="export-title">
      <h2 id="export-title">{t('checklistsPage.run.export.title')}</h2>
      <div className="inline-form">
        <div className="field narrow">
          <label htmlFor={ids.format}>{t('checklistsPage.run.export.format')}</label>
          <select id={ids.format} value={format} onChange={(event) => setFormat(event.target.value === 'md' ? 'md' : 'html')}>
            <option value="html">{t('checklistsPage.run.export.html')}</option>
            <option value="md">{t('checklistsPage.run.export.md')}</option>
          </select>
        </div>
        <div className="field narrow">
          <label htmlFor={ids.language}>{t('checklistsPage.run.export.language')}</label>
          <select id={ids.language} value={language} onChange={(event) => setLanguage(event.target.value === 'sv' ? 'sv' : 'en')}>
            <option value="en">{t('checklistsPage.run.export.en')}</option>
            <option value="sv">{t('checklistsPage.run.export.sv')}</option>
          </select>
        </div>
        <button
          type="button"
          onClick={() => {
            setSaid('');
            setError(null);
            request('checklists:export', { runId: run.id, format, language }).then(
              (file) => {
                download(file.fileName, file.text, format === 'md' ? 'text/markdown' : 'text/html');
                setSaid(t('checklistsPage.run.export.saved', { file: file.fileName }));
              },
              (caught: unknown) => {
                if (caught instanceof ApiError) setError(caught.error);
              },
            );
          }}
        >
          {t('checklistsPage.run.export.button')}
        </button>
      </div>
      <StatusMessage>{said}</StatusMessage>
      {error === null ? null : <ErrorMessage error={error} />}
    </section>
  );
}
