import type { Dispatch } from './dispatch';
import { channels } from '../../shared/contract';
import { fail, kindAnchor } from '../../shared/result';

/** The parts of an Electron frame the sender check reads. */
export interface FrameLike {
  readonly url: string;
  readonly parent: FrameLike | null;
}

/** The parts of an Electron `IpcMainInvokeEvent` the wrapper reads. */
export interface InvokeEventLike {
  readonly senderFrame: FrameLike | null;
  readonly sender: { readonly mainFrame: FrameLike };
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>): void;
}

/**
 * Accepts only the app's own top-level frame showing the app's own page: not an
 * iframe, not a page the window was somehow navigated to.
 */
export function createSenderCheck(appUrl: string): (event: InvokeEventLike) => boolean {
  const app = new URL(appUrl);
  return (event) => {
    const frame = event.senderFrame;
    if (frame === null || frame.parent !== null || frame !== event.sender.mainFrame) return false;
    let url: URL;
    try {
      url = new URL(frame.url);
    } catch {
      return false;
    }
    return url.protocol === app.protocol && url.host === app.host;
  };
}

/** Registers every channel of the contract through the same checks; there is no other way in. */
export function registerHandlers(
  ipcMain: IpcMainLike,
  dispatch: Dispatch,
  isTrustedSender: (event: InvokeEventLike) => boolean,
): void {
  for (const channel of channels) {
    ipcMain.handle(channel, async (event, ...args) => {
      if (!isTrustedSender(event)) {
        return fail({
          kind: 'permission',
          message: `A request for ${channel} did not come from the console's own window and was refused.`,
          anchor: kindAnchor('permission'),
        });
      }
      if (args.length > 1) {
        return fail({
          kind: 'validation',
          message: `The request for ${channel} carried more than one argument and was refused.`,
          anchor: kindAnchor('validation'),
        });
      }
      return dispatch(channel, args[0]);
    });
  }
}
