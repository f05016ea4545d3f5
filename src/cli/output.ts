/** How the command line writes: JSON for machines, aligned tables for people, progress only to a terminal. */

export interface Output {
  json: boolean;
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  /** Where a question is answered; without one (or when it is not a terminal) nothing is asked. */
  stdin?: NodeJS.ReadableStream & { isTTY?: boolean };
}

export function writeJson(output: Output, value: unknown): void {
  output.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export type Column<T> = [heading: string, value: (row: T) => string | number | null | undefined];

export function writeTable<T>(output: Output, rows: readonly T[], columns: Column<T>[]): void {
  const cells = rows.map((row) => columns.map(([, value]) => {
    const cell = value(row);
    return cell === null || cell === undefined || cell === '' ? '-' : String(cell);
  }));
  const headings = columns.map(([heading]) => heading);
  const widths = headings.map((heading, index) => Math.max(heading.length, ...cells.map((line) => line[index]!.length)));
  const format = (line: string[]) => line.map((cell, index) => (index === line.length - 1 ? cell : cell.padEnd(widths[index]!))).join('  ');
  output.stdout.write(`${format(headings)}\n`);
  for (const line of cells) output.stdout.write(`${format(line)}\n`);
  output.stdout.write(`(${rows.length} ${rows.length === 1 ? 'row' : 'rows'})\n`);
}

/** A progress line on stderr, redrawn in place; silent with --json or when stderr is not a terminal. */
export function progressReporter(output: Output, label: string): { update(done: number, total: number): void; done(): void } {
  const active = !output.json && output.stderr.isTTY === true;
  let shown = false;
  return {
    update(done, total) {
      if (!active) return;
      shown = true;
      const percent = total === 0 ? 100 : Math.floor((done / total) * 100);
      output.stderr.write(`\r${label}: ${done.toLocaleString('en')} of ${total.toLocaleString('en')} (${percent}%)`);
    },
    done() {
      if (active && shown) output.stderr.write('\r\x1b[K');
    },
  };
}
