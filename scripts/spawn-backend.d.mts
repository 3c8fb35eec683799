export interface SpawnedBackend {
  url: string;
  siteUrl: string;
  close(): Promise<void>;
  /** Runs any (internal) mutation in the backend process. */
  runMutation(name: string, args: Record<string, unknown>): Promise<unknown>;
  /** Runs any (internal) action in the backend process, e.g. `knowledge:seedPages`. */
  runAction(name: string, args: Record<string, unknown>): Promise<unknown>;
}
export function spawnBackend(options?: {
  port?: number;
  sitePort?: number;
  env?: Record<string, string>;
  logFile?: string;
}): Promise<SpawnedBackend>;
