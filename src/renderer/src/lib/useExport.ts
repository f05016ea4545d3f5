import { useState } from 'react';
import { download } from './download';
import { ApiError } from './query';

/**
 * A CSV export of what a table shows: main writes the file's text, the page
 * offers it as a download and says what it saved, next to the button.
 */
export function useCsvExport<T extends { fileName: string; text: string }>(produce: () => Promise<T>, describe: (file: T) => string) {
  const [exporting, setExporting] = useState(false);
  const [said, setSaid] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const start = async (): Promise<void> => {
    setSaid('');
    setError(null);
    setExporting(true);
    try {
      const file = await produce();
      download(file.fileName, file.text, 'text/csv');
      setSaid(describe(file));
    } catch (caught) {
      if (caught instanceof ApiError) setError(caught);
      else throw caught;
    } finally {
      setExporting(false);
    }
  };
  return { exporting, said, error, start };
}
