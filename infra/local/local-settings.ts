/** The `Values` of local.settings.json in the working folder (the Functions convention), or nothing. */
import { existsSync, readFileSync } from 'node:fs';

export function readLocalSettings(): Record<string, unknown> {
  if (!existsSync('local.settings.json')) return {};
  const parsed = JSON.parse(readFileSync('local.settings.json', 'utf8')) as { Values?: Record<string, unknown> };
  return parsed.Values ?? {};
}
