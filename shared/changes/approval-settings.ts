/**
 * The approval settings (ADR 0030) in the `config` container: the policy's decision table and the
 * people of the groups the directory does not know (change managers, CAB, emergency CAB), one
 * versioned document written with its ETag. Until an admin saves one, the defaults below apply.
 */
import type { TApprovalSettings, TApprovalSettingsInput } from '../api/change-approvals.schemas.js';
import type { DocumentStore, StoredDocument } from '../ports/document-store.js';
import type { ApprovalPolicy } from './approval-policy.js';

/**
 * The default decision table: emergency changes by any one member of the emergency CAB within
 * 4 hours; low risk by a change manager; moderate by a change manager and the owner teams of the
 * affected CIs in parallel; high and very high by a change manager, then two of the CAB.
 */
export const DEFAULT_APPROVAL_POLICY: ApprovalPolicy = {
  rules: [
    {
      name: 'Emergency: any one of the emergency CAB',
      types: ['emergency'],
      mode: 'parallel',
      steps: [{ group: 'ecab', quorum: { kind: 'any' }, dueHours: 4, remindHoursBefore: 2 }],
      onReject: 'reject_change',
    },
    {
      name: 'Normal, low risk: a change manager',
      types: ['normal'],
      risks: ['low'],
      mode: 'parallel',
      steps: [{ group: 'change_manager', quorum: { kind: 'any' }, dueHours: 24, remindHoursBefore: 8 }],
      onReject: 'return_to_assess',
    },
    {
      name: 'Normal, moderate risk: a change manager and the CI owner teams',
      types: ['normal'],
      risks: ['moderate'],
      mode: 'parallel',
      steps: [
        { group: 'change_manager', quorum: { kind: 'any' }, dueHours: 48, remindHoursBefore: 24 },
        { group: 'ci_owner_teams', quorum: { kind: 'any' }, dueHours: 48, remindHoursBefore: 24 },
      ],
      onReject: 'reject_change',
    },
    {
      name: 'Normal, high risk: a change manager, then two of the CAB',
      types: ['normal'],
      risks: ['high', 'very_high'],
      mode: 'sequence',
      steps: [
        { group: 'change_manager', quorum: { kind: 'any' }, dueHours: 24, remindHoursBefore: 8 },
        { group: 'cab', quorum: { kind: 'at_least', n: 2 }, dueHours: 120, remindHoursBefore: 24 },
      ],
      onReject: 'reject_change',
    },
  ],
};

export const DEFAULT_APPROVAL_SETTINGS: TApprovalSettings = {
  policy: DEFAULT_APPROVAL_POLICY as TApprovalSettings['policy'],
  changeManagerIds: [],
  cabMemberIds: [],
  ecabMemberIds: [],
  version: 0,
  updatedAt: null,
  updatedBy: null,
};

const PK = 'change-approvals';
const ID = 'settings';

type StoredSettings = TApprovalSettings & StoredDocument & { pk: string; docType: 'change-approval-settings' };

export class ApprovalSettingsRepository {
  constructor(private readonly store: DocumentStore) {}

  /** The settings and their ETag (null while the defaults apply). */
  async current(): Promise<{ settings: TApprovalSettings; etag: string | null }> {
    const found = await this.store.read<StoredSettings>('config', PK, ID);
    if (!found) return { settings: DEFAULT_APPROVAL_SETTINGS, etag: null };
    const {
      id: _i,
      pk: _p,
      docType: _d,
      _etag,
      _ts,
      ...settings
    } = found.doc as StoredSettings & {
      _etag?: unknown;
      _ts?: unknown;
    };
    return { settings, etag: found.etag };
  }

  /**
   * Saves a new version. `ifMatch` is the ETag read (null: the defaults were read, so nobody may
   * have saved meanwhile); a stale one throws ConcurrencyConflictError.
   */
  async save(
    input: TApprovalSettingsInput,
    by: string,
    at: string,
    ifMatch: string | null,
  ): Promise<{ settings: TApprovalSettings; etag: string }> {
    const { settings: before } = await this.current();
    const settings: TApprovalSettings = { ...input, version: before.version + 1, updatedAt: at, updatedBy: by };
    const doc: StoredSettings = { ...settings, id: ID, pk: PK, docType: 'change-approval-settings' };
    const [etag] = await this.store.batch('config', PK, [
      ifMatch === null ? { op: 'create', doc } : { op: 'replace', doc, ifMatch },
    ]);
    return { settings, etag: etag as string };
  }
}
