export interface SpawnedBackend {
  url: string;
  siteUrl: string;
  close(): Promise<void>;
}
export function spawnBackend(options?: {
  port?: number;
  sitePort?: number;
  env?: Record<string, string>;
  logFile?: string;
}): Promise<SpawnedBackend>;
