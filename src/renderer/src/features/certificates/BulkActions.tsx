import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import {
  bulkActions,
  bulkOutcomes,
  collectFormatValues,
  maxBulkItems,
  type BulkAction,
  type BulkItem,
  type BulkOptions,
  type BulkOutcome,
  type BulkPlan,
  type CertificateFilter,
  type CollectFormat,
} from '../../../../shared/certificates';
import type { AppError } from '../../../../shared/result';
import { downloadFile } from '../../lib/download';
import { formatNumber } from '../../lib/format';
import { useJob, useJobsStore } from '../../lib/jobs';
import { ApiError, request, useApiQuery } from '../../lib/query';
import { DataTable, type DataColumn, type TableSort } from '../../ui/DataTable';
import { Dialog } from '../../ui/Dialog';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Field } from '../../ui/Field';
import { ProgressBar } from '../../ui/ProgressBar';
import { StatusMessage } from '../../ui/StatusMessage';
import { placeRefusal, summaryOf, useFormIds } from './actions/form';
import { reasonText } from './actions/reasons';
import { ReasonCodeSelect, reasonCodeOf } from './actions/RevokeDialog';
import { ErrorSummary } from '../../ui/ErrorSummary';
import './certificates.css';

type Selection = { keys: string[] } | { filter: CertificateFilter };
type Stage = 'options' | 'plan' | 'confirm' | 'run';

interface BulkActionsProps {
  selection: Selection;
  count: number;
  live: boolean;
  onFinished(): void;
}

/**
 * Renews, revokes, approves or collects many certificates at once: the
 * options, then what would be done to each (and what is skipped, and why),
 * then, once confirmed, the work itself as a job with its progress and each
 * certificate's result. One certificate failing never stops the others.
 */
export function BulkActions({ selection, count, live, onFinished }: BulkActionsProps) {
  const { t } = useTranslation();
  const reasonId = useId();
  const [action, setAction] = useState<BulkAction | null>(null);
  const [open, setOpen] = useState(false);
  const [stage, setStage] = useState<Stage>('options');
  const [plan, setPlan] = useState<BulkPlan | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const job = useJob(jobId);
  const running = job?.state === 'running';
  const tooMany = count > maxBulkItems;
  const why = !live ? t('certificateActions.bulk.notLive') : count === 0 ? t('certificateActions.bulk.noneChosen') : tooMany ? t('certificateActions.bulk.tooMany', { maximum: formatNumber(maxBulkItems) }) : null;

  const begin = (chosen: BulkAction): void => {
    setAction(chosen);
    setPlan(null);
    setJobId(null);
    setStage('options');
    setOpen(true);
  };

  return (
    <div className="bulk-actions" role="group" aria-label={t('certificateActions.bulk.group', { count })}>
      {bulkActions.map((entry) => (
        <button
          key={entry}
          type="button"
          className={entry === 'revoke' ? 'danger-outline' : undefined}
          disabled={why !== null || running}
          aria-describedby={why === null ? undefined : reasonId}
          onClick={() => begin(entry)}
        >
          {t(`certificateActions.bulk.buttons.${entry}`, { count })}
        </button>
      ))}
      {why === null ? null : (
        <span id={reasonId} className="cert-why-not">
          {why}
        </span>
      )}
      {action !== null && !open && stage === 'run' ? (
        <button type="button" className="link-button" onClick={() => setOpen(true)}>
          {running ? t('certificateActions.bulk.showRunning') : t('certificateActions.bulk.showResults')}
        </button>
      ) : null}
      {action === null || !open ? null : (
        <BulkDialog
          action={action}
          selection={selection}
          count={count}
          stage={stage}
          plan={plan}
          jobId={jobId}
          onStage={setStage}
          onPlan={setPlan}
          onJob={setJobId}
          onFinished={onFinished}
          onClose={() => setOpen(false)}
        />
      )}
    </div>
  );
}

interface BulkDialogProps {
  action: BulkAction;
  selection: Selection;
  count: number;
  stage: Stage;
  plan: BulkPlan | null;
  jobId: string | null;
  onStage(stage: Stage): void;
  onPlan(plan: BulkPlan): void;
  onJob(id: string): void;
  onFinished(): void;
  onClose(): void;
}

function BulkDialog(props: BulkDialogProps) {
  const { t } = useTranslation();
  const { action, stage, plan } = props;
  const flow = useRef<HTMLDivElement>(null);
  // The dialog has opened (its effect runs before this one): the focus goes to the first field or heading, not the close button.
  useEffect(() => flow.current?.querySelector<HTMLElement>('[data-autofocus], input, select, textarea, button')?.focus(), []);
  const title = t(`certificateActions.bulk.titles.${action}`, { count: props.count });
  return (
    <Dialog title={title} onClose={props.onClose}>
      <div className="bulk-flow" ref={flow}>
        <ol className="bulk-steps" aria-label={t('certificateActions.bulk.steps')}>
          {(['options', 'plan', 'run'] as const).map((step) => {
            const current = step === stage || (step === 'plan' && stage === 'confirm');
            return (
              <li key={step} aria-current={current ? 'step' : undefined} className={current ? 'current' : undefined}>
                {t(`certificateActions.bulk.stepNames.${step}`)}
              </li>
            );
          })}
        </ol>
        {stage === 'options' ? (
          <OptionsForm action={action} selection={props.selection} initial={plan?.options} onPlan={(made) => {
              props.onPlan(made);
              props.onStage('plan');
            }} onCancel={props.onClose} />
        ) : plan === null ? null : stage === 'plan' || stage === 'confirm' ? (
          <PlanView plan={plan} confirming={stage === 'confirm'} onBack={() => props.onStage('options')} onConfirm={() => props.onStage('confirm')} onUnconfirm={() => props.onStage('plan')} onStarted={(id) => {
              props.onJob(id);
              props.onStage('run');
            }} />
        ) : (
          <RunView plan={plan} jobId={props.jobId} onFinished={props.onFinished} onClose={props.onClose} />
        )}
      </div>
    </Dialog>
  );
}

interface OptionValues {
  reasonCode: string;
  reason: string;
  message: string;
  format: CollectFormat;
}

/** The options of a bulk action, then the plan: nothing is sent to SCM yet. */
function OptionsForm({ action, selection, initial, onPlan, onCancel }: { action: BulkAction; selection: Selection; initial: BulkOptions | undefined; onPlan(plan: BulkPlan): void; onCancel(): void }) {
  const { t } = useTranslation();
  const ids = useFormIds();
  const [failure, setFailure] = useState<AppError | null>(null);
  const schema = useMemo(
    () =>
      z
        .object({ reasonCode: z.string(), reason: z.string(), message: z.string(), format: z.enum(collectFormatValues) })
        .superRefine((values, context) => {
          const problem = (path: keyof OptionValues, message: string) => context.addIssue({ code: 'custom', path: [path], message });
          if (action === 'revoke') {
            if (reasonCodeOf(values.reasonCode) === undefined) problem('reasonCode', t('certificateActions.revoke.errors.reasonCode'));
            if (values.reason.trim() === '') problem('reason', t('certificateActions.bulk.errors.reason'));
            else if (values.reason.length > 512) problem('reason', t('certificateActions.revoke.errors.reasonLong'));
          }
          if (action === 'approve') {
            if (values.message.trim() === '') problem('message', t('certificateActions.approve.errors.message'));
            else if (values.message.length > 512) problem('message', t('certificateActions.form.tooLong', { maximum: 512 }));
          }
        }),
    [t, action],
  );
  const { register, handleSubmit, watch, setError, formState } = useForm<OptionValues>({
    resolver: zodResolver(schema),
    defaultValues: { reasonCode: initial?.reasonCode === undefined ? '' : String(initial.reasonCode), reason: initial?.reason ?? '', message: initial?.message ?? '', format: initial?.format ?? 'chain' },
    shouldFocusError: false,
  });
  const chosen = reasonCodeOf(watch('reasonCode'));
  const format = watch('format');

  const submit = handleSubmit(async (values) => {
    setFailure(null);
    const options: BulkOptions =
      action === 'revoke'
        ? { reasonCode: reasonCodeOf(values.reasonCode)!, reason: values.reason.trim() }
        : action === 'approve'
          ? { message: values.message.trim() }
          : action === 'collect'
            ? { format: values.format }
            : {};
    try {
      onPlan(await request('certificates:plan', { action, selection, options }));
    } catch (error) {
      const map = { 'options.reasonCode': 'reasonCode', 'options.reason': 'reason', 'options.message': 'message', 'options.format': 'format', reasonCode: 'reasonCode', reason: 'reason', message: 'message', format: 'format' } as const;
      setFailure(placeRefusal<OptionValues>(error, map, setError, t));
      ids.focusSummary();
    }
  }, ids.focusSummary);

  const labels = { reasonCode: t('certificateActions.revoke.reasonCode'), reason: t('certificateActions.revoke.reason'), message: t('certificateActions.approve.message'), format: t('certificateActions.collect.format') };
  const shown: (keyof OptionValues)[] = action === 'revoke' ? ['reasonCode', 'reason'] : action === 'approve' ? ['message'] : action === 'collect' ? ['format'] : [];
  const order = shown.map((name) => ({ name, id: ids.idOf(name), label: labels[name] }));

  return (
    <form id={ids.formId} className="cert-action-form" onSubmit={(event) => void submit(event)} noValidate>
      <p>{t(`certificateActions.bulk.leads.${action}`)}</p>
      <ErrorSummary ref={ids.summary} items={summaryOf(formState.errors, order)} title={t('certificateActions.form.summary', { count: Object.keys(formState.errors).length })} />
      {action === 'revoke' ? (
        <>
          <Field id={ids.idOf('reasonCode')} label={labels.reasonCode} hint={chosen === undefined ? t('certificateActions.revoke.reasonCodeHint') : t(`certificateActions.revoke.explain.r${chosen}`)} error={formState.errors.reasonCode?.message}>
            {(describedBy, invalid) => <ReasonCodeSelect<OptionValues> id={ids.idOf('reasonCode')} describedBy={describedBy} invalid={invalid} register={register} />}
          </Field>
          <Field id={ids.idOf('reason')} label={labels.reason} hint={t('certificateActions.bulk.reasonHint')} error={formState.errors.reason?.message}>
            {(describedBy, invalid) => <input id={ids.idOf('reason')} maxLength={600} autoComplete="off" aria-describedby={describedBy} aria-invalid={invalid} {...register('reason')} />}
          </Field>
        </>
      ) : null}
      {action === 'approve' ? (
        <Field id={ids.idOf('message')} label={labels.message} hint={t('certificateActions.approve.messageHint')} error={formState.errors.message?.message}>
          {(describedBy, invalid) => <textarea id={ids.idOf('message')} rows={3} maxLength={600} aria-describedby={describedBy} aria-invalid={invalid} {...register('message')} />}
        </Field>
      ) : null}
      {action === 'collect' ? (
        <Field id={ids.idOf('format')} label={labels.format} hint={t(`certificateActions.collect.explain.${format}`)} error={formState.errors.format?.message}>
          {(describedBy, invalid) => (
            <select id={ids.idOf('format')} aria-describedby={describedBy} aria-invalid={invalid} {...register('format')}>
              {collectFormatValues.map((value) => (
                <option key={value} value={value}>
                  {t(`certificateActions.collect.formats.${value}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
      ) : null}
      {failure === null ? null : <ErrorMessage error={failure} />}
      <p className="field-hint">{t('certificateActions.bulk.nothingSent')}</p>
      <p className="form-actions">
        <button type="submit" className="primary" disabled={formState.isSubmitting}>
          {formState.isSubmitting ? t('certificateActions.bulk.planning') : t('certificateActions.bulk.plan')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </p>
      {formState.isSubmitting ? (
        <p role="status" className="status">
          <span className="spinner" aria-hidden="true" /> {t('certificateActions.bulk.planning')}
        </p>
      ) : null}
    </form>
  );
}

/** Skipped certificates grouped by why, most first. */
function skippedReasons(items: readonly BulkItem[]): { note: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const item of items) if (item.outcome === 'skipped') counts.set(item.note ?? '', (counts.get(item.note ?? '') ?? 0) + 1);
  return [...counts].map(([note, count]) => ({ note, count })).sort((a, b) => b.count - a.count);
}

function PlanView({ plan, confirming, onBack, onConfirm, onUnconfirm, onStarted }: { plan: BulkPlan; confirming: boolean; onBack(): void; onConfirm(): void; onUnconfirm(): void; onStarted(jobId: string): void }) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  const confirmId = useId();
  const [typed, setTyped] = useState('');
  const [starting, setStarting] = useState(false);
  const [failure, setFailure] = useState<AppError | null>(null);
  const planned = plan.counts.planned;
  const skipped = skippedReasons(plan.items);
  // Revoking cannot be undone: the number of certificates is typed to confirm it.
  const typeToConfirm = plan.action === 'revoke' ? String(planned) : null;
  const matches = typeToConfirm === null || typed.trim() === typeToConfirm;

  const confirmField = useRef<HTMLInputElement>(null);
  const goButton = useRef<HTMLButtonElement>(null);
  // Confirming: the focus goes to what confirms; back on the plan, to its heading.
  useEffect(() => (confirming ? (confirmField.current ?? goButton.current) : heading.current)?.focus(), [confirming]);

  const start = async (): Promise<void> => {
    setFailure(null);
    setStarting(true);
    try {
      const job = await useJobsStore.getState().start({ kind: 'certificates:bulk', planId: plan.planId });
      onStarted(job.id);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      setFailure(error.error);
    } finally {
      setStarting(false);
    }
  };

  return (
    <div className="bulk-plan">
      <h3 ref={heading} tabIndex={-1} data-autofocus>
        {confirming ? t('certificateActions.bulk.confirmTitle') : t('certificateActions.bulk.planTitle')}
      </h3>
      <ul className="bulk-counts">
        <li>
          <strong>{t(`certificateActions.bulk.willDo.${plan.action}`, { count: planned })}</strong>
        </li>
        <li>
          {skipped.length === 0 ? t('certificateActions.bulk.noneSkipped') : t('certificateActions.bulk.willSkip', { count: plan.counts.skipped })}
          {skipped.length === 0 ? null : (
            <ul>
              {skipped.map((entry) => (
                <li key={entry.note}>
                  {t('certificateActions.bulk.skippedBecause', { n: formatNumber(entry.count), reason: entry.note === '' ? t('certificateActions.bulk.noReason') : reasonText(entry.note, t) })}
                </li>
              ))}
            </ul>
          )}
        </li>
      </ul>
      {confirming ? (
        <div className="confirm bulk-confirm">
          <p>{t(`certificateActions.bulk.confirmText.${plan.action}`, { count: planned })}</p>
          {typeToConfirm === null ? null : (
            <div className="field">
              <label htmlFor={confirmId}>{t('certificateActions.bulk.typeCount', { n: typeToConfirm })}</label>
              <input ref={confirmField} id={confirmId} value={typed} inputMode="numeric" autoComplete="off" onChange={(event) => setTyped(event.target.value)} />
            </div>
          )}
          {failure === null ? null : <ErrorMessage error={failure} />}
          <p className="form-actions">
            <button ref={goButton} type="button" className={plan.action === 'revoke' ? 'danger' : 'primary'} disabled={!matches || starting} onClick={() => void start()}>
              {starting ? t('certificateActions.bulk.starting') : t(`certificateActions.bulk.go.${plan.action}`, { count: planned })}
            </button>
            <button type="button" onClick={onUnconfirm}>
              {t('certificateActions.bulk.back')}
            </button>
          </p>
        </div>
      ) : (
        <p className="form-actions">
          <button type="button" className="primary" disabled={planned === 0} onClick={onConfirm}>
            {t('certificateActions.bulk.run', { count: planned })}
          </button>
          <button type="button" onClick={onBack}>
            {t('certificateActions.bulk.changeOptions')}
          </button>
        </p>
      )}
      {planned === 0 ? <p className="notice">{t('certificateActions.bulk.nothingToDo')}</p> : null}
      <BulkItems items={plan.items} />
    </div>
  );
}

/** The work under way: its bar with Cancel, the counts so far, and each certificate's result. */
function RunView({ plan: first, jobId, onFinished, onClose }: { plan: BulkPlan; jobId: string | null; onFinished(): void; onClose(): void }) {
  const { t } = useTranslation();
  const job = useJob(jobId);
  const running = job === undefined || job.state === 'running';
  const [cancelling, setCancelling] = useState(false);
  const current = useApiQuery('certificates:bulkGet', { planId: first.planId }, { staleTime: 0, refetchInterval: running ? 1000 : false });
  const plan = current.data ?? first;
  const finished = useRef<string | null>(null);
  const [fileError, setFileError] = useState<AppError | null>(null);
  const [saving, setSaving] = useState<'summary' | 'certificates' | null>(null);
  const [saved, setSaved] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);

  // The button that started the work is gone: the focus comes to what is happening.
  useEffect(() => heading.current?.focus(), []);

  useEffect(() => {
    if (job === undefined || job.state === 'running' || finished.current === job.id) return;
    finished.current = job.id;
    setCancelling(false);
    void current.refetch();
    onFinished();
  }, [job, current, onFinished]);

  const save = async (kind: 'summary' | 'certificates'): Promise<void> => {
    setFileError(null);
    setSaved('');
    setSaving(kind);
    try {
      const file = await request('certificates:bulkFile', { planId: plan.planId, kind });
      downloadFile(file);
      setSaved(t('certificateActions.outcome.saved', { file: file.fileName }));
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      setFileError(error.error);
    } finally {
      setSaving(null);
    }
  };

  const counts = plan.counts;
  const label = t(`certificateActions.bulk.progress.${plan.action}`);
  return (
    <div className="bulk-run">
      <h3 ref={heading} tabIndex={-1} data-autofocus>
        {running ? t('certificateActions.bulk.runningTitle') : t('certificateActions.bulk.resultsTitle')}
      </h3>
      {running && job !== undefined ? (
        <ProgressBar
          label={label}
          progress={job.progress}
          cancelling={cancelling}
          onCancel={() => {
            setCancelling(true);
            void useJobsStore.getState().cancel(job.id);
          }}
        />
      ) : null}
      {job?.state === 'failed' && job.error !== null ? <ErrorMessage error={job.error} /> : null}
      <StatusMessage>
        {running
          ? t('certificateActions.bulk.runningSoFar', { done: formatNumber(counts.done), failed: formatNumber(counts.failed), unknown: formatNumber(counts.unknown) })
          : job?.state === 'cancelled'
            ? t('certificateActions.bulk.cancelled', { done: formatNumber(counts.done), failed: formatNumber(counts.failed), unknown: formatNumber(counts.unknown), left: formatNumber(counts.planned) })
            : t('certificateActions.bulk.finished', { done: formatNumber(counts.done), failed: formatNumber(counts.failed), unknown: formatNumber(counts.unknown), skipped: formatNumber(counts.skipped) })}
      </StatusMessage>
      {running ? <p className="field-hint">{t('certificateActions.bulk.goesOn')}</p> : null}
      {current.error === null ? null : <ErrorMessage error={current.error.error} />}
      <ul className="bulk-counts bulk-result-counts">
        {(['done', 'failed', 'unknown', 'skipped', 'planned'] as const).map((outcome) =>
          counts[outcome] === 0 && (outcome === 'planned' || outcome === 'unknown') ? null : (
            <li key={outcome} className={`bulk-outcome-${outcome}`}>
              {t(`certificateActions.bulk.countWords.${outcome}`, { count: counts[outcome] })}
            </li>
          ),
        )}
      </ul>
      {counts.unknown > 0 && !running ? <p className="notice">{t('certificateActions.bulk.unknownHint')}</p> : null}
      <p className="form-actions">
        <button type="button" disabled={running || saving !== null} onClick={() => void save('summary')}>
          {saving === 'summary' ? t('certificateActions.bulk.saving') : t('certificateActions.bulk.exportSummary')}
        </button>
        {plan.action === 'collect' ? (
          <button type="button" disabled={running || saving !== null || counts.done === 0} onClick={() => void save('certificates')}>
            {saving === 'certificates' ? t('certificateActions.bulk.saving') : t('certificateActions.bulk.saveZip')}
          </button>
        ) : null}
        <button type="button" onClick={onClose}>
          {t('common.close')}
        </button>
      </p>
      {saved === '' ? null : <StatusMessage>{saved}</StatusMessage>}
      {fileError === null ? null : <ErrorMessage error={fileError} />}
      <BulkItems items={plan.items} />
    </div>
  );
}

type ItemColumn = 'commonName' | 'status' | 'outcome' | 'note';

/** Every certificate of a plan with what is (or was) done to it, filtered by outcome, sorted here in the page. */
function BulkItems({ items }: { items: readonly BulkItem[] }) {
  const { t } = useTranslation();
  const filterId = useId();
  const [shown, setShown] = useState<BulkOutcome | ''>('');
  const [sort, setSort] = useState<TableSort>({ column: 'commonName', desc: false });
  const [hidden, setHidden] = useState<string[]>([]);
  const present = useMemo(() => bulkOutcomes.filter((outcome) => items.some((item) => item.outcome === outcome)), [items]);
  const rows = useMemo(() => {
    const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
    const value = (item: BulkItem): string => {
      const column = sort.column as ItemColumn;
      return column === 'outcome' ? String(bulkOutcomes.indexOf(item.outcome)) : column === 'note' ? (item.note ?? '') : column === 'status' ? item.status : item.commonName;
    };
    const chosen = shown === '' ? [...items] : items.filter((item) => item.outcome === shown);
    return chosen.sort((a, b) => (sort.desc ? -1 : 1) * collator.compare(value(a), value(b)));
  }, [items, shown, sort]);

  const columns = useMemo<DataColumn<BulkItem>[]>(
    () => [
      { id: 'commonName', header: t('certificateActions.bulk.columns.commonName'), width: 'minmax(12rem, 2fr)', sortable: true, fixed: true, cell: (item) => item.commonName || item.key },
      { id: 'status', header: t('certificateActions.bulk.columns.status'), width: 'minmax(10rem, 1fr)', sortable: true, cell: (item) => item.status },
      {
        id: 'outcome',
        header: t('certificateActions.bulk.columns.outcome'),
        width: 'minmax(9rem, 0.8fr)',
        sortable: true,
        cell: (item) => <span className={`status-word bulk-outcome-${item.outcome}`}>{t(`certificateActions.bulk.outcomes.${item.outcome}`)}</span>,
      },
      {
        id: 'note',
        header: t('certificateActions.bulk.columns.note'),
        width: 'minmax(14rem, 3fr)',
        sortable: true,
        cell: (item) => {
          const note = item.newKey === null ? (item.note === null ? '' : reasonText(item.note, t)) : t('certificateActions.bulk.newCertificate', { key: item.newKey });
          return <span title={note}>{note}</span>;
        },
      },
    ],
    [t],
  );

  return (
    <div className="bulk-items">
      <div className="field bulk-filter">
        <label htmlFor={filterId}>{t('certificateActions.bulk.show')}</label>
        <select id={filterId} value={shown} onChange={(event) => setShown(event.target.value as BulkOutcome | '')}>
          <option value="">{t('certificateActions.bulk.showAll')}</option>
          {present.map((outcome) => (
            <option key={outcome} value={outcome}>
              {t(`certificateActions.bulk.outcomes.${outcome}`)}
            </option>
          ))}
        </select>
      </div>
      <DataTable<BulkItem>
        label={t('certificateActions.bulk.itemsLabel')}
        columns={columns}
        matching={rows.length}
        total={items.length}
        offset={0}
        rows={rows}
        rowId={(item) => item.key}
        onRange={() => undefined}
        sort={sort}
        onSort={setSort}
        hidden={hidden}
        onHiddenChange={setHidden}
        onOpen={() => undefined}
        empty={t('certificateActions.bulk.noItems')}
      />
    </div>
  );
}
