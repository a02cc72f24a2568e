// How the server is set up: who may read, how big a request may be.
import type { Admin1Boundaries } from './boundaries.ts';

export interface ServerConfig {
  /** 'open': anyone reads; 'token': reads need a viewer token too. Writes always need a token. */
  readAuth: 'open' | 'token';
  /** largest request body in bytes (a report with its metadata) */
  bodyLimit: number;
  /** largest report text in bytes */
  maxDocumentBytes: number;
  /** admin1 outlines for the map (`faultline serve --boundaries FILE`), or none */
  admin1Boundaries: Admin1Boundaries | null;
}

export const DEFAULT_SERVER_CONFIG: ServerConfig = { readAuth: 'open', bodyLimit: 2 * 1024 * 1024, maxDocumentBytes: 1024 * 1024, admin1Boundaries: null };
