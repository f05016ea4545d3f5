import type * as Jobs from '../../../shared/jobs';
import { connectToShell } from './http';

/**
 * Main's events (job progress) as they come: from the preload under
 * Electron, from the browser shell's event stream otherwise. Each message is
 * checked against its schema before anyone sees it. The schema comes in a
 * chunk of its own, fetched as the subscription starts, since building it is
 * work the first page need not wait for; messages wait for it in the order
 * they came.
 */
export function subscribeToJobEvents(listener: (job: Jobs.Job) => void): () => void {
  let schema: Promise<typeof Jobs.jobEventSchema> | undefined;
  // A chunk that could not be fetched is fetched again for the next message; the one that waited for it is lost, as a malformed one would be.
  const loadSchema = () =>
    (schema ??= import('../../../shared/jobs').then(
      ({ jobEventSchema }) => jobEventSchema,
      (error: unknown) => {
        schema = undefined;
        throw error;
      },
    ));
  void loadSchema().catch(() => undefined);
  let stopped = false;
  const deliver = (payload: unknown): void => {
    loadSchema().then(
      (jobEventSchema) => {
        const parsed = jobEventSchema.safeParse(payload);
        if (parsed.success && !stopped) listener(parsed.data);
      },
      () => undefined,
    );
  };
  const stop = window.api !== undefined ? window.api.onJobEvent(deliver) : streamFromShell(deliver);
  return () => {
    stopped = true;
    stop();
  };
}

/**
 * Reads the browser shell's Server-Sent Events with fetch, which can send the
 * tab's key as a header (EventSource cannot), and reconnects after a break.
 */
function streamFromShell(deliver: (payload: unknown) => void): () => void {
  const controller = new AbortController();
  let backoff = 500;
  const run = async (): Promise<void> => {
    while (!controller.signal.aborted) {
      const connected = await connectToShell();
      if (!connected.ok) return;
      try {
        const response = await fetch('/events', { headers: { authorization: `Bearer ${connected.value}`, accept: 'text/event-stream' }, credentials: 'omit', signal: controller.signal });
        if (!response.ok || response.body === null) return;
        backoff = 500;
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          let end = buffer.indexOf('\n\n');
          while (end >= 0) {
            const message = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const data = message
              .split('\n')
              .filter((line) => line.startsWith('data: '))
              .map((line) => line.slice(6))
              .join('\n');
            if (data !== '') {
              try {
                deliver(JSON.parse(data));
              } catch {
                // Not JSON: not a message of ours.
              }
            }
            end = buffer.indexOf('\n\n');
          }
        }
      } catch {
        if (controller.signal.aborted) return;
      }
      await new Promise((resolve) => setTimeout(resolve, backoff));
      backoff = Math.min(backoff * 2, 10_000);
    }
  };
  void run();
  return () => controller.abort();
}
