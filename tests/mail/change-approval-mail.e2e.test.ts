/**
 * Change approvals by email on the real local platform (issue 16, ADR 0030), over SMTP and through
 * the Graph simulator: a normal change needs two approvers, Dave (reached by email only) and Lee
 * (in the app). Dave gets `[CHG-n] Approval: <title>` with the plan, the risk and its reasons, the
 * schedule and the reply words; a forged token and a wrong sender perform nothing (quarantined);
 * his `approve` decides once (confirmation "done"), a second reply is "already decided"; Lee
 * approves in the app and the change is approved, its owner never moved.
 */
import nodemailer, { type SendMailOptions } from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TChangeApprovals } from '../../shared/api/change-approvals.schemas.js';
import type { TChange } from '../../shared/api/changes.schemas.js';
import type { ChangeRisk } from '../../shared/changes/change-risk.js';
import type { SentMail } from '../simulators/graph/sim-mail-model.js';
import { E2E_STORES } from '../support/e2e-stores.js';
import { type RunningPlatform, startRunningPlatform } from '../support/running-platform.js';
import { type GraphPlatform, SUPPORT_MAILBOX, startGraphPlatform, threadedReply } from './graph-platform.js';

const ALICE = 'alice@demo.local';
const LEE = 'lead@demo.local';
const ADMIN = 'admin@demo.local';
const DAVE = 'dave@demo.local';

const RISK: ChangeRisk = {
  level: 'moderate',
  questionnaireLevel: 'low',
  ruleLevel: 'moderate',
  points: 2,
  answers: {},
  reasons: [{ source: 'rule', level: 'moderate', text: 'Impacts Payroll' }],
};

type OutboxItem = {
  messageId: string | null;
  inReplyTo: string | null;
  subject: string | null;
  to: string | null;
  raw: string;
};
type Quarantined = { reason: string; from: string | null; subject: string | null };

/** Two approvers for every normal change: Dave and Lee, both needed; Dave is reached by email only. */
async function twoApprovers(p: RunningPlatform): Promise<void> {
  const reach = await p.api(ADMIN, 'agents/ag_dave/reach-by-email', {
    method: 'PUT',
    body: { reachByEmail: { address: DAVE, allowExternal: false } },
  });
  expect(reach.status).toBe(200);
  const current = await p.api(ADMIN, 'admin/approval-policy');
  const saved = await p.api(ADMIN, 'admin/approval-policy', {
    method: 'PUT',
    headers: current.headers.get('etag') ? { 'if-match': current.headers.get('etag') as string } : {},
    body: {
      policy: {
        rules: [
          {
            name: 'Normal: Dave and Lee',
            types: ['normal'],
            mode: 'parallel',
            steps: [{ group: 'change_manager', quorum: { kind: 'all' }, dueHours: 48, remindHoursBefore: 8 }],
            onReject: 'reject_change',
          },
        ],
      },
      changeManagerIds: ['ag_dave', 'ag_lee'],
      cabMemberIds: [],
      ecabMemberIds: [],
    },
  });
  expect(saved.status).toBe(200);
}

/** Alice's normal change, assessed and sent for authorization. */
async function authorizing(p: RunningPlatform, title: string): Promise<TChange> {
  const created = await p.api<TChange>(ALICE, 'changes', {
    body: {
      type: 'normal',
      title,
      implementationPlan: 'Fail over, patch, fail back',
      backoutPlan: 'Uninstall the update',
      plannedStart: '2030-01-10T20:00:00Z',
      plannedEnd: '2030-01-10T22:00:00Z',
    },
  });
  expect(created.status).toBe(201);
  const { id } = created.body;
  expect((await p.api(ALICE, `changes/${id}/accept`, { method: 'POST' })).status).toBe(200);
  expect((await p.api(ALICE, `changes/${id}/state`, { body: { state: 'assess' } })).status).toBe(200);
  const actor = { kind: 'agent' as const, agentId: 'ag_alice', roles: ['agent' as const], teamIds: ['service-desk'] };
  expect((await p.composition.services.changes.assessRisk(id, RISK, actor)).ok).toBe(true);
  const moved = await p.api<TChange>(ALICE, `changes/${id}/state`, { body: { state: 'authorize' } });
  expect(moved.status).toBe(200);
  return moved.body;
}

const approvalsOf = async (p: RunningPlatform, id: string) =>
  (await p.api<TChangeApprovals>(ALICE, `changes/${id}/approvals`)).body;

async function leeApproves(p: RunningPlatform, change: TChange): Promise<TChange> {
  const lees = (await approvalsOf(p, change.id)).records.find((r) => r.approverId === 'ag_lee');
  const decided = await p.api<TChange>(LEE, `changes/${change.id}/approvals/${lees?.id}/decision`, {
    body: { decision: 'approve' },
  });
  expect(decided.status).toBe(200);
  return decided.body;
}

describe.each(E2E_STORES)('change approvals by email over SMTP (%s)', (store) => {
  let p: RunningPlatform;
  let send: (mail: SendMailOptions) => Promise<void>;
  beforeAll(async () => {
    p = await startRunningPlatform({ store });
    const transport = nodemailer.createTransport({
      host: '127.0.0.1',
      port: p.platform.smtpPort as number,
      secure: false,
      ignoreTLS: true,
    });
    send = async (mail) => {
      await transport.sendMail({ to: 'support@demo.local', ...mail });
    };
    await twoApprovers(p);
  });
  afterAll(() => p?.stop());

  const drain = async () => {
    for (let i = 0; i < 3; i++) await p.platform.drainQueue();
  };
  const outbox = async () => (await p.api<{ items: OutboxItem[] }>(ALICE, 'dev/outbox?limit=100')).body.items;
  const quarantine = async () =>
    (await p.api<{ items: Quarantined[] }>(ADMIN, 'admin/quarantine?limit=100')).body.items;
  const reply = (mail: OutboxItem, from: string, n: string, text: string, inReplyTo = mail.messageId as string) =>
    send({
      from,
      subject: `Re: ${mail.subject}`,
      text,
      inReplyTo,
      references: [inReplyTo],
      messageId: `<${n}@demo.local>`,
    });

  it('mails Dave (email only) the approval with plan, risk, schedule and the reply words; Lee hears in the app', async () => {
    const change = await authorizing(p, 'Patch SQL01 over SMTP');
    await drain();
    const mails = (await outbox()).filter((m) => m.subject === `[${change.number}] Approval: Patch SQL01 over SMTP`);
    expect(mails).toHaveLength(1);
    const mail = mails[0] as OutboxItem;
    expect(mail.to).toContain(DAVE);
    expect(mail.messageId).toMatch(/^<itn-m\.[a-z0-9]+\.[a-z0-9]+@demo\.local>$/);
    for (const text of [
      'Fail over, patch, fail back',
      'Risk: moderate',
      'Impacts Payroll',
      'Planned: 2030-01-10T20:00:00',
      'approve, reject <reason>',
    ])
      expect(mail.raw).toContain(text);
    expect(
      (await outbox()).filter((m) => m.subject?.includes('Approval:') && m.to?.includes('lead@demo.local')),
    ).toEqual([]);
    const bell = await p.api<{ items: { title: string }[] }>(LEE, 'notifications?limit=50');
    expect(bell.body.items.map((n) => n.title)).toContain(`Your approval is asked on ${change.number}`);
    const mine = await p.api<{ items: { changeId: string }[] }>(LEE, 'approvals/mine');
    expect(mine.body.items.map((i) => i.changeId)).toContain(change.id);

    // Forged and foreign replies decide nothing.
    const forged = (mail.messageId as string).replace(/\.([a-z0-9]+)@/, '.aaaaaaaaaaaaaaaaaaaa@');
    await reply(mail, DAVE, 'forged-1', 'approve', forged);
    await reply(mail, 'mallory@elsewhere.example', 'mallory-1', 'approve');
    await reply(mail, 'bob@demo.local', 'bob-1', 'approve');
    await drain();
    const reasons = (await quarantine()).map((q) => `${q.from}: ${q.reason.split(':')[0]}`);
    expect(reasons).toEqual(
      expect.arrayContaining([
        `${DAVE}: bad token`,
        'mallory@elsewhere.example: wrong sender',
        'bob@demo.local: wrong sender',
      ]),
    );
    expect((await approvalsOf(p, change.id)).records.every((r) => r.state === 'requested')).toBe(true);

    // Dave approves by reply, once.
    await reply(
      mail,
      `Dave DBA <${DAVE}>`,
      'dave-1',
      'Approve\n\nLooks fine.\n\nOn Monday, Support wrote:\n> Your approval',
    );
    await drain();
    await reply(mail, DAVE, 'dave-2', 'reject changed my mind');
    await drain();
    const records = (await approvalsOf(p, change.id)).records;
    expect(records.find((r) => r.approverId === 'ag_dave')).toMatchObject({
      state: 'approved',
      decidedBy: 'ag_dave',
      channel: 'email',
    });
    const sentNow = await outbox();
    const confirmation = (n: string) => sentNow.find((m) => m.inReplyTo === `<${n}@demo.local>`)?.raw ?? '';
    expect(confirmation('dave-1')).toContain('Result: done.');
    expect(confirmation('dave-2')).toContain('Result: not done: it was already decided.');
    expect((await p.api<TChange>(ALICE, `changes/${change.id}`)).body.approval).toBe('pending');

    // Lee approves in the app: both approved, the change is approved; Alice still owns it.
    expect(await leeApproves(p, change)).toMatchObject({
      approval: 'approved',
      state: 'authorize',
      ownerId: 'ag_alice',
    });
  });

  it('rejects by reply with a reason: the change is rejected and the reason recorded', async () => {
    const change = await authorizing(p, 'Reboot the SAN over SMTP');
    await drain();
    const mail = (await outbox()).find((m) => m.subject === `[${change.number}] Approval: Reboot the SAN over SMTP`);
    expect(mail).toBeDefined();
    await reply(mail as OutboxItem, DAVE, 'dave-reject', 'reject\nNot during month-end closing.');
    await drain();
    const after = await p.api<TChange>(ALICE, `changes/${change.id}`);
    expect(after.body).toMatchObject({ state: 'rejected', approval: 'rejected', ownerId: 'ag_alice' });
    const dave = (await approvalsOf(p, change.id)).records.find((r) => r.approverId === 'ag_dave');
    expect(dave).toMatchObject({ state: 'rejected', reason: 'Not during month-end closing.', channel: 'email' });
  });
});

/** Dave's Outlook reply through Exchange: threaded on the approval mail's Message-ID. */
const outlookReply = (sent: SentMail, n: string, text: string) =>
  threadedReply(sent, `Dave DBA <${DAVE}>`, `${n}@demo.local`, text);

describe.each(E2E_STORES)('change approvals by email through Microsoft Graph (simulator) (%s)', (store) => {
  let g: GraphPlatform;
  beforeAll(async () => {
    g = await startGraphPlatform({ store });
    await twoApprovers(g.running);
  });
  afterAll(() => g?.stop());
  const settle = async () => {
    for (let i = 0; i < 3; i++) await g.settle();
  };

  it('sends the approval by sendMail and takes Dave’s approve only when Exchange vouches for it, once', async () => {
    const p = g.running;
    const change = await authorizing(p, 'Patch SQL02 through Graph');
    await settle();
    const sent = g.sim.sent().filter((m) => m.subject === `[${change.number}] Approval: Patch SQL02 through Graph`);
    expect(sent).toHaveLength(1);
    const mail = sent[0] as SentMail;
    expect(mail.to).toEqual([DAVE]);
    expect(mail.internetMessageId).toMatch(/^<itn-m\.[a-z0-9]+\.[a-z0-9]+@demo\.local>$/);

    // From outside the organisation (Anonymous, no dmarc): nothing happens.
    await g.sim.deliver(SUPPORT_MAILBOX, outlookReply(mail, 'g-spoof', 'approve'), 'send', { authAs: 'Anonymous' });
    await settle();
    expect((await approvalsOf(p, change.id)).records.every((r) => r.state === 'requested')).toBe(true);

    await g.sim.deliver(SUPPORT_MAILBOX, outlookReply(mail, 'g-ok', 'approve'), 'send', { authAs: 'Internal' });
    await settle();
    await g.sim.deliver(SUPPORT_MAILBOX, outlookReply(mail, 'g-again', 'approve'), 'send', { authAs: 'Internal' });
    await settle();
    const dave = (await approvalsOf(p, change.id)).records.find((r) => r.approverId === 'ag_dave');
    expect(dave).toMatchObject({ state: 'approved', channel: 'email' });
    const confirmations = g.sim.sent().filter((m) => m.subject.startsWith('Re: ') && m.to.includes(DAVE));
    expect(confirmations.map((m) => m.body.content).join('\n')).toContain('Result: done.');
    expect(confirmations.map((m) => m.body.content).join('\n')).toContain('Result: not done: it was already decided.');
    expect(await leeApproves(p, change)).toMatchObject({ approval: 'approved', ownerId: 'ag_alice' });
  });
});
