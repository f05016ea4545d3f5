import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { writeJsonAtomic } from './storage';

/** The file in the user-data folder that remembers where the window was. */
export const windowStateFileName = 'window-state.json';

export interface Size {
  width: number;
  height: number;
}

export interface Rectangle extends Size {
  x: number;
  y: number;
}

/** The size of a window opened for the first time, or whose place could not be used. */
export const defaultWindowSize: Size = { width: 1200, height: 800 };

/** The smallest window the pages are laid out for. */
export const minimumWindowSize: Size = { width: 720, height: 480 };

/** Larger than any display made; a bigger window is a damaged file, not a real one. */
const largestWindowSide = 16_384;

/** Further from the origin than any arrangement of displays reaches. */
const farthestCoordinate = 100_000;

const coordinate = z.number().int().min(-farthestCoordinate).max(farthestCoordinate);

export const windowStateSchema = z
  .object({
    /** The window's size and place when neither maximized nor full screen. */
    bounds: z
      .object({
        x: coordinate,
        y: coordinate,
        width: z.number().int().min(minimumWindowSize.width).max(largestWindowSide),
        height: z.number().int().min(minimumWindowSize.height).max(largestWindowSide),
      })
      .strict(),
    maximized: z.boolean(),
    fullScreen: z.boolean(),
  })
  .strict();

export type WindowState = z.infer<typeof windowStateSchema>;

/** Where a new window opens: a rectangle to restore, or only a size to centre on the main display. */
export interface WindowPlacement {
  bounds: Rectangle | Size;
  maximized: boolean;
  fullScreen: boolean;
}

export const defaultWindowPlacement: WindowPlacement = { bounds: { ...defaultWindowSize }, maximized: false, fullScreen: false };

/** How much of the title bar must lie on a display for a person to grab it with the mouse and drag it. */
const titleBarHeight = 32;
const grabbable: Size = { width: 100, height: 16 };

function overlap(a: Rectangle, b: Rectangle): Size {
  return {
    width: Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)),
    height: Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)),
  };
}

/**
 * Whether a window at `bounds` could be dragged back into view: enough of its
 * title bar lies in the work area (the display less its task bar, dock or menu
 * bar) of one of the displays now attached.
 */
export function canBeGrabbed(bounds: Rectangle, workAreas: readonly Rectangle[]): boolean {
  const titleBar = { ...bounds, height: Math.min(titleBarHeight, bounds.height) };
  return workAreas.some((area) => {
    const shared = overlap(titleBar, area);
    return shared.width >= grabbable.width && shared.height >= grabbable.height;
  });
}

/**
 * Where to open the window given what the state file held: the remembered place
 * when it is a sound state and still on a display attached now; otherwise the
 * default size, centred. A window left on a display since unplugged would
 * otherwise open where nobody can see or reach it.
 */
export function placementFor(saved: unknown, workAreas: readonly Rectangle[]): WindowPlacement {
  const parsed = windowStateSchema.safeParse(saved);
  if (!parsed.success || !canBeGrabbed(parsed.data.bounds, workAreas)) return { ...defaultWindowPlacement, bounds: { ...defaultWindowSize } };
  return { bounds: { ...parsed.data.bounds }, maximized: parsed.data.maximized, fullScreen: parsed.data.fullScreen };
}

/**
 * Reads the remembered place. A missing or unreadable file only means the
 * window opens at its default place: it holds nothing worth keeping aside or
 * telling anyone about, and the next save replaces it.
 */
export async function readWindowPlacement(path: string, workAreas: readonly Rectangle[]): Promise<WindowPlacement> {
  let saved: unknown;
  try {
    saved = JSON.parse(await readFile(path, 'utf8'));
  } catch {
    saved = undefined;
  }
  return placementFor(saved, workAreas);
}

/** What of a window its state is read from: the part of Electron's `BrowserWindow` used here. */
export interface PlacedWindow {
  on(event: 'resize' | 'move' | 'maximize' | 'unmaximize' | 'enter-full-screen' | 'leave-full-screen' | 'close', listener: () => void): unknown;
  isDestroyed(): boolean;
  isMaximized(): boolean;
  isFullScreen(): boolean;
  getNormalBounds(): Rectangle;
}

/** The timer functions, replaceable so tests need not wait. */
export interface Timers {
  setTimeout(callback: () => void, delay: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface RememberOptions {
  path: string;
  /** How long the window must stay still before its place is written: a drag moves it many times a second. */
  delayMs?: number;
  timers?: Timers;
  /** Writes a state; atomically to `path` unless replaced. */
  save?: (path: string, state: WindowState) => Promise<void>;
}

export interface WindowStateKeeper {
  /** Settles when every save begun so far has ended, so the app can wait for them before it exits. */
  settled(): Promise<void>;
}

function clamp(value: number, lowest: number, highest: number): number {
  return Math.min(highest, Math.max(lowest, Math.round(value)));
}

/** The window's state as it is now, with the size and place it has when neither maximized nor full screen. */
export function windowStateOf(window: PlacedWindow): WindowState {
  const bounds = window.getNormalBounds();
  return {
    bounds: {
      x: clamp(bounds.x, -farthestCoordinate, farthestCoordinate),
      y: clamp(bounds.y, -farthestCoordinate, farthestCoordinate),
      width: clamp(bounds.width, minimumWindowSize.width, largestWindowSide),
      height: clamp(bounds.height, minimumWindowSize.height, largestWindowSide),
    },
    maximized: window.isMaximized(),
    fullScreen: window.isFullScreen(),
  };
}

/**
 * Keeps the window's state in the file as the person moves and resizes it:
 * once the window has been still for a moment, at once when it is maximized,
 * restored or made full screen, and when it closes. Saves are written one
 * after another, so an older one never lands over a newer one.
 */
export function rememberWindowState(window: PlacedWindow, options: RememberOptions): WindowStateKeeper {
  const delayMs = options.delayMs ?? 500;
  const timers: Timers = options.timers ?? globalThis;
  const save = options.save ?? writeJsonAtomic;
  let timer: unknown;
  let lastQueued: string | undefined;
  let writes: Promise<void> = Promise.resolve();

  const cancelTimer = (): void => {
    if (timer === undefined) return;
    timers.clearTimeout(timer);
    timer = undefined;
  };

  const saveNow = (): void => {
    cancelTimer();
    // Electron refuses every call on a window that has gone.
    if (window.isDestroyed()) return;
    const state = windowStateOf(window);
    const text = JSON.stringify(state);
    if (text === lastQueued) return;
    lastQueued = text;
    // A place that cannot be written is not worth troubling anyone about; the next move tries again.
    writes = writes.then(() =>
      save(options.path, state).catch(() => {
        if (lastQueued === text) lastQueued = undefined;
      }),
    );
  };

  const saveSoon = (): void => {
    cancelTimer();
    timer = timers.setTimeout(() => {
      timer = undefined;
      saveNow();
    }, delayMs);
  };

  window.on('resize', saveSoon);
  window.on('move', saveSoon);
  window.on('maximize', saveNow);
  window.on('unmaximize', saveNow);
  window.on('enter-full-screen', saveNow);
  window.on('leave-full-screen', saveNow);
  // While closing the window is still there to be asked; once closed it is not.
  window.on('close', saveNow);

  return { settled: () => writes };
}
