// The reliability figures of a run as one table: read from the JSON lines the
// suites write (test/support/reliability.ts), last value per figure wins.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export function figuresPath(root) {
  return join(root, 'test-results', 'reliability', 'figures.jsonl');
}

export function readFigures(root) {
  const path = figuresPath(root);
  if (!existsSync(path)) return [];
  const latest = new Map();
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    try {
      const figure = JSON.parse(line);
      latest.set(`${figure.suite}\u0000${figure.name}`, figure);
    } catch {
      // A line cut off by a killed run is skipped, not fatal.
    }
  }
  return [...latest.values()];
}

const number = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });

/** A Markdown table: suite, figure, value, goal, met. */
export function figuresTable(figures) {
  const rows = ['| Suite | Figure | Value | Goal | Met |', '|---|---|---:|---|---|'];
  const suites = [...new Set(figures.map((figure) => figure.suite))];
  for (const suite of suites) {
    for (const figure of figures.filter((candidate) => candidate.suite === suite)) {
      const value = `${number.format(figure.value)}${figure.unit ? ` ${figure.unit}` : ''}`;
      const met = figure.met === undefined ? '' : figure.met ? 'yes' : '**no**';
      rows.push(`| ${suite} | ${figure.name} | ${value} | ${figure.goal ?? ''} | ${met} |`);
    }
  }
  return rows.join('\n');
}

export function unmet(figures) {
  return figures.filter((figure) => figure.met === false);
}
