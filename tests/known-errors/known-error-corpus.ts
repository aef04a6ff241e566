/**
 * A deterministic corpus of known errors and incident texts for the relevance test and the
 * benchmark (issue 17): IT products and components with their aliases, failure modes written the
 * way a known error states them and the ways users paraphrase them, error codes, CIs. Known error
 * `i` is product `i mod P` in failure mode `floor(i / P) mod M` (then versions and builds for the
 * large corpora), so near neighbours (same product, other failure; same failure, other product)
 * are always there as distractors.
 */
import type { KnownErrorSnapshot } from '../../shared/known-errors/known-error.js';

interface Product {
  readonly name: string;
  /** How users name it in a mail (each holds at least one word the known error also uses). */
  readonly aliases: readonly string[];
  readonly ci: string;
  readonly service: string;
}

interface Mode {
  /** The known error's wording. */
  readonly title: (p: string) => string;
  readonly symptoms: (p: string) => string;
  readonly workaround: (p: string) => string;
  /** How an incident says it (paraphrases sharing some, not all, words). */
  readonly paraphrases: readonly ((p: string) => string)[];
  readonly code: (n: number) => string;
}

export const PRODUCTS: readonly Product[] = [
  { name: 'Outlook', aliases: ['Outlook', 'my Outlook mail'], ci: 'ci_outlook', service: 'svc_mail' },
  { name: 'Teams', aliases: ['Teams', 'MS Teams'], ci: 'ci_teams', service: 'svc_collab' },
  { name: 'GlobalProtect VPN', aliases: ['the VPN', 'GlobalProtect'], ci: 'ci_vpn', service: 'svc_remote' },
  { name: 'SAP GUI', aliases: ['SAP', 'SAP GUI'], ci: 'ci_sap', service: 'svc_erp' },
  { name: 'Citrix Workspace', aliases: ['Citrix', 'the Citrix Workspace app'], ci: 'ci_citrix', service: 'svc_vdi' },
  { name: 'HP LaserJet printer', aliases: ['the printer', 'LaserJet'], ci: 'ci_printer', service: 'svc_print' },
  { name: 'OneDrive', aliases: ['OneDrive', 'One Drive sync'], ci: 'ci_onedrive', service: 'svc_files' },
  { name: 'SharePoint', aliases: ['SharePoint', 'the SharePoint intranet'], ci: 'ci_sharepoint', service: 'svc_files' },
  { name: 'Windows Update', aliases: ['Windows Update', 'windows updates'], ci: 'ci_wsus', service: 'svc_workplace' },
  {
    name: 'BitLocker',
    aliases: ['BitLocker', 'disk encryption BitLocker'],
    ci: 'ci_bitlocker',
    service: 'svc_workplace',
  },
  { name: 'Excel', aliases: ['Excel', 'Excel spreadsheets'], ci: 'ci_office', service: 'svc_workplace' },
  { name: 'Word', aliases: ['Word', 'Word documents'], ci: 'ci_office', service: 'svc_workplace' },
  { name: 'Zoom', aliases: ['Zoom', 'Zoom meetings'], ci: 'ci_zoom', service: 'svc_collab' },
  { name: 'Jira', aliases: ['Jira', 'the Jira board'], ci: 'ci_jira', service: 'svc_dev' },
  { name: 'Confluence', aliases: ['Confluence', 'the Confluence wiki'], ci: 'ci_confluence', service: 'svc_dev' },
  { name: 'Chrome browser', aliases: ['Chrome', 'Google Chrome'], ci: 'ci_chrome', service: 'svc_workplace' },
  { name: 'Edge browser', aliases: ['Edge', 'Microsoft Edge'], ci: 'ci_edge', service: 'svc_workplace' },
  { name: 'Authenticator MFA', aliases: ['MFA', 'the Authenticator app'], ci: 'ci_mfa', service: 'svc_identity' },
  { name: 'corporate Wi-Fi', aliases: ['the Wi-Fi', 'wireless network'], ci: 'ci_wifi', service: 'svc_network' },
  { name: 'Salesforce', aliases: ['Salesforce', 'the Salesforce CRM'], ci: 'ci_salesforce', service: 'svc_crm' },
  { name: 'Oracle database', aliases: ['Oracle', 'the Oracle DB'], ci: 'ci_oracle', service: 'svc_erp' },
  { name: 'SQL Server', aliases: ['SQL Server', 'the MSSQL database'], ci: 'ci_mssql', service: 'svc_data' },
  { name: 'Power BI', aliases: ['Power BI', 'PowerBI reports'], ci: 'ci_powerbi', service: 'svc_data' },
  { name: 'Adobe Acrobat', aliases: ['Acrobat', 'Adobe PDF reader'], ci: 'ci_acrobat', service: 'svc_workplace' },
  { name: 'Cisco Webex', aliases: ['Webex', 'Cisco Webex'], ci: 'ci_webex', service: 'svc_collab' },
  { name: 'ServiceNow portal', aliases: ['the ServiceNow portal', 'ServiceNow'], ci: 'ci_snow', service: 'svc_itsm' },
  { name: 'Slack', aliases: ['Slack', 'the Slack app'], ci: 'ci_slack', service: 'svc_collab' },
  { name: 'Dynamics 365', aliases: ['Dynamics', 'Dynamics 365'], ci: 'ci_dynamics', service: 'svc_crm' },
  { name: 'Okta SSO', aliases: ['Okta', 'single sign-on Okta'], ci: 'ci_okta', service: 'svc_identity' },
  { name: 'Workday', aliases: ['Workday', 'the Workday HR portal'], ci: 'ci_workday', service: 'svc_hr' },
];

const hex = (n: number) => `0x8007${(0x1000 + ((n * 7919) % 0xefff)).toString(16).toUpperCase()}`;

export const MODES: readonly Mode[] = [
  {
    title: (p) => `${p} crashes on start`,
    symptoms: (p) => `${p} closes immediately after launch; the application crashes or stops responding at startup.`,
    workaround: (p) => `Start ${p} in safe mode, remove the add-ins, then repair the installation.`,
    paraphrases: [(p) => `${p} keeps crashing when I open it`, (p) => `${p} closes right after launch, not responding`],
    code: (n) => hex(n),
  },
  {
    title: (p) => `Cannot sign in to ${p}`,
    symptoms: (p) => `Sign-in to ${p} fails; login loops back to the password prompt, users cannot log in.`,
    workaround: (p) => `Clear the cached credentials in Credential Manager and sign in to ${p} again.`,
    paraphrases: [(p) => `unable to log in to ${p}, password prompt again and again`, (p) => `${p} login fails`],
    code: (n) => `AADSTS${50000 + (n % 9000)}`,
  },
  {
    title: (p) => `${p} is very slow`,
    symptoms: (p) => `${p} is slow and sluggish; screens take a long time to load and performance is degraded.`,
    workaround: (p) => `Disable hardware acceleration in ${p} and clear its local cache.`,
    paraphrases: [(p) => `${p} extremely slow today, takes forever to load`, (p) => `${p} performance sluggish`],
    code: (n) => `PERF-${1000 + n}`,
  },
  {
    title: (p) => `${p} sync stuck`,
    symptoms: (p) => `${p} synchronisation is stuck; changes do not sync and pending uploads never finish.`,
    workaround: (p) => `Reset the ${p} sync client and sign in again; pending changes resume.`,
    paraphrases: [(p) => `${p} does not sync anymore, uploads pending`, (p) => `${p} not synchronising, stuck`],
    code: (n) => `SYNC-${2000 + n}`,
  },
  {
    title: (p) => `${p} certificate expired warning`,
    symptoms: (p) => `${p} shows a certificate error: the TLS certificate has expired or is not trusted.`,
    workaround: (p) => `Install the renewed root certificate from the software portal, then restart ${p}.`,
    paraphrases: [(p) => `${p} says certificate not trusted`, (p) => `certificate error popup in ${p}, expired`],
    code: (n) => `CERT_DATE_INVALID_${n}`,
  },
  {
    title: (p) => `${p} disconnects every few minutes`,
    symptoms: (p) => `${p} drops the connection repeatedly; the session disconnects and reconnects every few minutes.`,
    workaround: (p) => `Turn off power saving on the network adapter, then reconnect ${p}.`,
    paraphrases: [(p) => `${p} keeps disconnecting`, (p) => `connection drops in ${p} all the time, reconnects`],
    code: (n) => `NET-${3000 + n}`,
  },
  {
    title: (p) => `${p} cannot print or export to PDF`,
    symptoms: (p) => `Printing from ${p} fails and export to PDF produces an empty file.`,
    workaround: (p) => `Set the default printer again and update the PDF driver used by ${p}.`,
    paraphrases: [(p) => `printing from ${p} does not work, PDF export empty`, (p) => `${p} print fails`],
    code: (n) => `PRN-${4000 + n}`,
  },
  {
    title: (p) => `${p} license not activated`,
    symptoms: (p) => `${p} reports an unlicensed product; activation failed and features are disabled.`,
    workaround: (p) => `Reassign the ${p} license in the admin portal and restart activation.`,
    paraphrases: [(p) => `${p} says unlicensed product`, (p) => `${p} activation failed, license error`],
    code: (n) => `LIC-${5000 + n}`,
  },
  {
    title: (p) => `${p} disk full error`,
    symptoms: (p) => `${p} fails with insufficient disk space; the cache folder fills the drive.`,
    workaround: (p) => `Move the ${p} cache to the data drive and clean temporary files.`,
    paraphrases: [(p) => `${p} complains no space left on disk`, (p) => `drive full because of ${p} cache`],
    code: (n) => `ENOSPC-${6000 + n}`,
  },
  {
    title: (p) => `${p} notifications missing`,
    symptoms: (p) => `${p} shows no notifications; alerts and reminders do not appear.`,
    workaround: (p) => `Allow ${p} notifications in the Windows focus assist settings.`,
    paraphrases: [(p) => `not getting any ${p} notifications`, (p) => `${p} alerts and reminders never pop up`],
    code: (n) => `NOTIF-${7000 + n}`,
  },
  {
    title: (p) => `${p} attachments fail to upload`,
    symptoms: (p) => `Uploading attachments in ${p} fails; files larger than 10 MB are rejected with a timeout.`,
    workaround: (p) => `Compress the file or share a link instead of attaching it in ${p}.`,
    paraphrases: [(p) => `cannot attach files in ${p}, upload times out`, (p) => `${p} rejects my attachment`],
    code: (n) => `UPL-${8000 + n}`,
  },
  {
    title: (p) => `${p} audio and camera not detected`,
    symptoms: (p) => `${p} does not detect the headset microphone or camera; no audio in calls.`,
    workaround: (p) => `Select the headset as default device and allow camera access for ${p}.`,
    paraphrases: [(p) => `no sound and no camera in ${p} calls`, (p) => `${p} microphone not detected`],
    code: (n) => `AUD-${9000 + n}`,
  },
];

export interface CorpusQuery {
  readonly text: string;
  readonly scope: readonly string[];
  /** The known error a good engine finds for it. */
  readonly expected: string;
}

/** Known error `i` of the corpus (`large`: versions and builds make 100,000 distinct ones). */
export function corpusKnownError(i: number, at = '2026-12-01T09:00:00.000Z'): KnownErrorSnapshot {
  const product = PRODUCTS[i % PRODUCTS.length] as Product;
  const mode = MODES[Math.floor(i / PRODUCTS.length) % MODES.length] as Mode;
  const round = Math.floor(i / (PRODUCTS.length * MODES.length));
  // Later rounds are the same failure in other releases: a version and a build of their own.
  const release = round === 0 ? '' : ` (release ${20 + (round % 9)}.${round} build ${10_000 + i})`;
  const id = `ke_${String(i).padStart(6, '0')}`;
  return {
    id,
    knownErrorId: id,
    docType: 'known-error',
    number: `KE-${10_001 + i}`,
    status: 'published',
    version: 2,
    title: `${mode.title(product.name)}${release}`,
    symptoms: mode.symptoms(product.name),
    rootCause: `A defect in ${product.name}${release}.`,
    workaround: mode.workaround(product.name),
    errorCodes: [mode.code(i)],
    problemId: null,
    ciIds: [product.ci],
    serviceIds: [product.service],
    source: null,
    useCount: 0,
    lastUsedAt: null,
    createdBy: { kind: 'system', name: 'corpus' },
    createdAt: at,
    updatedAt: at,
    publishedAt: at,
    retiredAt: null,
  };
}

/**
 * Incident texts for known error `i`: a user's paraphrase with a product alias, a greeting and
 * filler; every third one quotes the error code, every second one comes with the product's CI.
 */
export function corpusQuery(i: number, variant: number): CorpusQuery {
  const product = PRODUCTS[i % PRODUCTS.length] as Product;
  const mode = MODES[Math.floor(i / PRODUCTS.length) % MODES.length] as Mode;
  const alias = product.aliases[variant % product.aliases.length] as string;
  const paraphrase = mode.paraphrases[variant % mode.paraphrases.length] as (p: string) => string;
  const code = variant % 3 === 0 ? ` The error says ${mode.code(i)}.` : '';
  return {
    text: `Hello support, since this morning ${paraphrase(alias)}.${code} Could you please help? Thanks, Maria`,
    scope: variant % 2 === 0 ? [product.ci] : [],
    expected: `ke_${String(i).padStart(6, '0')}`,
  };
}
