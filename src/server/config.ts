// How the server is set up: who may read, how big a request may be.
export interface ServerConfig {
  /** 'open': anyone reads; 'token': reads need a viewer token too. Writes always need a token. */
  readAuth: 'open' | 'token';
  /** largest request body in bytes (a report with its metadata) */
  bodyLimit: number;
  /** largest report text in bytes */
  maxDocumentBytes: number;
}

export const DEFAULT_SERVER_CONFIG: ServerConfig = { readAuth: 'open', bodyLimit: 2 * 1024 * 1024, maxDocumentBytes: 1024 * 1024 };
