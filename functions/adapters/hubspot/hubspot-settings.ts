/** The HubSpot adapter's settings, read from the validated configuration (tier mapping, fields, limits). */
import { type Config, crmProviderOf } from '../../config/config.js';

export interface HubSpotSettings {
  readonly token: string;
  readonly basePath: string;
  readonly portalId: string | null;
  readonly tierProperty: string;
  /** HubSpot's value (lower-cased) -> our tier. */
  readonly tierMap: ReadonlyMap<string, string>;
  readonly contactFields: readonly string[];
  readonly companyFields: readonly string[];
  /** Requests per 10 s. */
  readonly rateLimit: number;
  readonly timeoutMs: number;
  readonly writeBack: boolean;
}

/** The token the simulator accepts when none is configured. */
export const HUBSPOT_SIM_DEFAULT_TOKEN = 'pat-sim-0000-itil-next';

const list = (value: string): string[] =>
  value
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '');

export const parseTierMap = (value: string | undefined): Map<string, string> =>
  new Map(
    list(value ?? '').flatMap((pair) => {
      const [from, to] = pair.split('=').map((v) => v.trim());
      return from && to ? [[from.toLowerCase(), to.toLowerCase()] as [string, string]] : [];
    }),
  );

export const hubSpotSettingsFromConfig = (config: Config): HubSpotSettings => ({
  token: config.HUBSPOT_TOKEN ?? (crmProviderOf(config) === 'hubspot-sim' ? HUBSPOT_SIM_DEFAULT_TOKEN : ''),
  basePath: config.HUBSPOT_BASE_URL.replace(/\/$/, ''),
  portalId: config.HUBSPOT_PORTAL_ID ?? null,
  tierProperty: config.HUBSPOT_TIER_PROPERTY,
  tierMap: parseTierMap(config.HUBSPOT_TIER_MAP),
  contactFields: list(config.HUBSPOT_CONTACT_FIELDS),
  companyFields: list(config.HUBSPOT_COMPANY_FIELDS),
  rateLimit: config.HUBSPOT_RATE_LIMIT,
  timeoutMs: config.HUBSPOT_TIMEOUT_MS,
  writeBack: config.HUBSPOT_WRITE_BACK,
});
