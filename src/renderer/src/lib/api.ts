import type { Api } from '../../../shared/contract';
import { createHttpApi } from './http';

/** Main's operations: through the preload under Electron, over HTTP in the browser shell. */
export const api: Api = window.api ?? createHttpApi();
