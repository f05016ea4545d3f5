import { fillIn, lookUp } from '../../../shared/catalogue';
import { checklistTextEn, reword, type ChecklistMessage, type ChecklistRun, type ExportFormat, type ChecklistText, type Wording } from '../../../shared/checklists';
import { checklistTextSv } from '../../../shared/checklists/text.sv';
import type { MessageParams } from '../../../shared/result';

export type RecordLanguage = 'en' | 'sv';

const catalogues: Record<RecordLanguage, ChecklistText> = { en: checklistTextEn, sv: checklistTextSv };

/** A record as a list of blocks, written out as Markdown or HTML. */
type Block =
  | { kind: 'heading'; level: 1 | 2 | 3; text: string }
  | { kind: 'table'; rows: [string, string][] }
  | { kind: 'paragraph'; text: string }
  | { kind: 'list'; items: string[] }
  | { kind: 'code'; text: string };

function translator(language: RecordLanguage): { t: (key: string, params?: MessageParams) => string; message: (message: ChecklistMessage) => string } {
  const catalogue = catalogues[language];
  const t = (key: string, params: MessageParams = {}): string => fillIn(lookUp(catalogue, key) ?? lookUp(checklistTextEn, key) ?? key, params);
  // A message is worded again in the record's language where its key is known; its English text otherwise.
  const wording: Wording = {
    template: (key) => lookUp(catalogue, key),
    fill: fillIn,
    list: (items) => new Intl.ListFormat(language, { style: 'long', type: 'conjunction' }).format(items),
  };
  const message = (entry: ChecklistMessage): string => reword(entry, wording);
  return { t, message };
}

function inputText(value: unknown): string {
  if (Array.isArray(value)) return value.map(inputText).join(', ');
  if (value !== null && typeof value === 'object') {
    return Object.entries(value)
      .map(([key, inner]) => `${key}: ${inputText(inner)}`)
      .join('; ');
  }
  return String(value);
}

function blocksOf(run: ChecklistRun, language: RecordLanguage, now: string): Block[] {
  const { t, message } = translator(language);
  const by = (who: string | null): string => (who === null ? '' : ` ${t('common.record.by', { who })}`);
  const blocks: Block[] = [
    { kind: 'heading', level: 1, text: t('common.record.heading', { title: t(`${run.checklistId}.title`) }) },
    {
      kind: 'table',
      rows: [
        [t('common.record.run'), run.id],
        [t('common.record.status'), t(`common.statuses.${run.status}`)],
        [t('common.record.profile'), run.profileName],
        [t('common.record.tenant'), run.tenant],
        [t('common.record.target'), `${run.target.name}${run.target.id === null ? '' : ` (${run.target.id})`}`],
        [t('common.record.started'), `${run.createdAt}${by(run.startedBy)}`],
        [t('common.record.finished'), run.finishedAt ?? t('common.record.notFinished')],
      ],
    },
    { kind: 'heading', level: 2, text: t('common.record.inputs') },
    { kind: 'table', rows: Object.entries(run.inputs).map(([field, value]): [string, string] => [t(`${run.checklistId}.inputs.${field}.label`), inputText(value)]) },
    { kind: 'heading', level: 2, text: t('common.record.steps') },
  ];
  for (const [position, step] of run.steps.entries()) {
    blocks.push({ kind: 'heading', level: 3, text: `${position + 1}. ${t(`${run.checklistId}.steps.${step.id}.title`)}: ${t(`common.states.${step.state}`)}` });
    const rows: [string, string][] = [];
    if (step.outcome !== null) rows.push([t('common.record.outcome'), message(step.outcome)]);
    if (step.startedAt !== null || step.endedAt !== null) rows.push([t('common.record.when'), `${step.startedAt ?? ''}${step.endedAt === null ? '' : ` → ${step.endedAt}`}${by(step.by)}`]);
    if (step.attempts > 1) rows.push([t('common.record.attempts'), String(step.attempts)]);
    if (step.error !== null) rows.push([t('common.record.error'), `${step.error.message}${step.error.hint === undefined ? '' : ` ${step.error.hint}`}`]);
    if (rows.length > 0) blocks.push({ kind: 'table', rows });
    if (step.details.length > 0) blocks.push({ kind: 'list', items: step.details.map(message) });
    if (step.sent.length > 0) {
      blocks.push({ kind: 'paragraph', text: `${t('common.record.sent')}:` });
      for (const request of step.sent) {
        blocks.push({ kind: 'code', text: `${request.method} ${request.path}  (${t('common.record.sentAs', { who: request.as })})${request.body === undefined ? '' : `\n${JSON.stringify(request.body, null, 2)}`}` });
      }
    }
  }
  if (run.lastCheck !== null) {
    blocks.push({ kind: 'heading', level: 2, text: t('common.record.lastCheck') });
    blocks.push({ kind: 'paragraph', text: t('common.record.checkedAt', { time: run.lastCheck.at, who: run.lastCheck.by }) });
    blocks.push({
      kind: 'list',
      items: run.lastCheck.results.map((result) => `${t(`${run.checklistId}.steps.${result.stepId}.title`)}: ${result.holds ? t('common.record.holds') : t('common.record.drifted')}. ${message(result.message)}`),
    });
  }
  blocks.push({ kind: 'paragraph', text: t('common.record.footer', { time: now }) });
  return blocks;
}

function markdownCell(text: string): string {
  return text.replaceAll('\\', '\\\\').replaceAll('|', '\\|').replace(/\r?\n/g, ' ');
}

function markdownText(text: string): string {
  return text.replace(/([\\`*_[\]<>#])/g, '\\$1');
}

function toMarkdown(blocks: Block[]): string {
  const out: string[] = [];
  for (const block of blocks) {
    switch (block.kind) {
      case 'heading':
        out.push(`${'#'.repeat(block.level)} ${markdownText(block.text)}`);
        break;
      case 'table':
        if (block.rows.length === 0) break;
        out.push('| | |\n|---|---|\n' + block.rows.map(([label, value]) => `| ${markdownCell(label)} | ${markdownCell(value)} |`).join('\n'));
        break;
      case 'paragraph':
        out.push(markdownText(block.text));
        break;
      case 'list':
        out.push(block.items.map((item) => `- ${markdownText(item).replace(/\r?\n/g, ' ')}`).join('\n'));
        break;
      case 'code': {
        const fence = '`'.repeat(Math.max(3, ...[...block.text.matchAll(/`+/g)].map((match) => match[0].length + 1)));
        out.push(`${fence}\n${block.text}\n${fence}`);
        break;
      }
    }
  }
  return `${out.join('\n\n')}\n`;
}

function escapeHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&#39;');
}

function toHtml(blocks: Block[], language: RecordLanguage): string {
  const title = blocks.find((block) => block.kind === 'heading')?.text ?? '';
  const body = blocks
    .map((block) => {
      switch (block.kind) {
        case 'heading':
          return `<h${block.level}>${escapeHtml(block.text)}</h${block.level}>`;
        case 'table':
          return block.rows.length === 0 ? '' : `<table>${block.rows.map(([label, value]) => `<tr><th scope="row">${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`).join('')}</table>`;
        case 'paragraph':
          return `<p>${escapeHtml(block.text)}</p>`;
        case 'list':
          return `<ul>${block.items.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul>`;
        case 'code':
          return `<pre><code>${escapeHtml(block.text)}</code></pre>`;
      }
    })
    .join('\n');
  // A page to print or keep: no script, no outside resource, styles of its own.
  return `<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${escapeHtml(title)}</title>
<style>
body { font: 11pt/1.45 system-ui, sans-serif; max-width: 48rem; margin: 2rem auto; padding: 0 1rem; color: #111; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.2rem; margin-top: 2rem; border-bottom: 1px solid #999; } h3 { font-size: 1rem; margin-top: 1.5rem; }
table { border-collapse: collapse; width: 100%; } th, td { text-align: left; vertical-align: top; padding: 0.2rem 0.5rem; border-bottom: 1px solid #ddd; }
th { width: 12rem; font-weight: 600; }
pre { background: #f4f4f4; padding: 0.5rem; overflow-wrap: anywhere; white-space: pre-wrap; font-size: 9pt; }
@media print { body { margin: 0; max-width: none; } h3 { break-after: avoid; } pre, table { break-inside: avoid; } }
</style>
</head>
<body>
${body}
</body>
</html>
`;
}

/** A run written out to file: Markdown, or an HTML page to print. */
export function renderRecord(run: ChecklistRun, format: ExportFormat, language: RecordLanguage, now = new Date().toISOString()): string {
  const blocks = blocksOf(run, language, now);
  return format === 'md' ? toMarkdown(blocks) : toHtml(blocks, language);
}
