import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { attachmentBlobKey } from '../../../shared/mail/inbound-content.js';
import { MigrationMapping } from '../../../shared/migration/migration-mapping.js';
import { ticketIdFor } from '../../../shared/migration/ticket-plan.js';
import { testWorld } from '../../../tests/support/test-services.js';
import { GenericFileError, openGenericSource } from './file-source.js';

const dir = mkdtempSync(join(tmpdir(), 'generic-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const png = new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10, 0, 1]);

const csvFolder = () => {
  const folder = join(dir, 'csv');
  mkdirSync(join(folder, 'files'), { recursive: true });
  writeFileSync(join(folder, 'files', 'screen.png'), png);
  writeFileSync(join(folder, 'organizations.csv'), 'id,name,domains\no1,Acme,acme.example;acme.test\n');
  writeFileSync(
    join(folder, 'users.csv'),
    'id,name,email,role,organizationId\nu1,Carol,carol@acme.example,end-user,o1\nu2,Alice,alice@demo.local,agent,\nu3,Nomail,,end-user,\n',
  );
  writeFileSync(
    join(folder, 'tickets.csv'),
    'id,subject,status,priority,tags,requesterId,assigneeId,createdAt,updatedAt\n' +
      'T-1,"Mail, slow",solved,high,mail;slow,u1,u2,2024-02-01T09:00:00Z,2024-02-02T09:00:00Z\n' +
      'T-2,Nobody,open,,,u3,,2024-02-03T09:00:00Z,\n',
  );
  writeFileSync(
    join(folder, 'comments.csv'),
    'ticketId,id,authorId,public,body,createdAt,messageId\n' +
      'T-1,c1,u1,true,"Mail takes an hour, since Monday",2024-02-01T09:00:00Z,<a1@acme.example>\n' +
      'T-1,c2,u2,false,Checking the queue,2024-02-01T10:00:00Z,\n' +
      'T-1,c3,u2,true,Fixed,2024-02-02T09:00:00Z,\n',
  );
  writeFileSync(
    join(folder, 'attachments.csv'),
    'commentId,id,filename,contentType,path\nc1,a1,screen.png,image/png,files/screen.png\n',
  );
  return folder;
};

describe('the generic format from files', () => {
  it('imports a CSV folder: contacts, company, the owner, the history and the file', async () => {
    const world = await testWorld();
    const report = await world.services.migration.run(openGenericSource(csvFolder()), MigrationMapping.defaults());
    expect(report.counts.tickets).toEqual({ imported: 1, skipped: 0, rejected: 1 });
    expect(report.rejected).toContainEqual({
      kind: 'ticket',
      sourceId: 'T-2',
      reason: 'requester Nomail (u3) has no email address',
    });
    const id = ticketIdFor('file', 'T-1');
    const ticket = (await world.store.read('tickets', id, id))?.doc;
    expect(ticket).toMatchObject({
      title: 'Mail, slow',
      status: 'resolved',
      ownerId: 'ag_alice',
      tags: ['mail', 'slow'],
      external: { source: 'file', id: 'T-1', number: 'FI-T-1' },
      customer: { companyName: 'Acme' },
    });
    expect((await world.services.mail.blobs.get(attachmentBlobKey('att_file_a1')))?.content).toEqual(png);
    const again = await world.services.migration.run(openGenericSource(csvFolder()), MigrationMapping.defaults());
    expect(again.counts.tickets).toEqual({ imported: 0, skipped: 1, rejected: 1 });
  });

  it('reads the same from a JSON document with inline attachments', async () => {
    const file = join(dir, 'export.json');
    writeFileSync(
      file,
      JSON.stringify({
        source: 'legacy',
        users: [{ id: 1, name: 'Carol', email: 'carol@acme.example' }],
        tickets: [
          {
            id: 10,
            subject: 'Hi',
            requesterId: 1,
            createdAt: '2024-02-01T09:00:00Z',
            comments: [
              {
                id: 100,
                authorId: 1,
                body: 'Hello',
                createdAt: '2024-02-01T09:00:00Z',
                attachments: [{ id: 7, filename: 'x.bin', base64: Buffer.from(png).toString('base64') }],
              },
            ],
          },
        ],
      }),
    );
    const world = await testWorld();
    const report = await world.services.migration.run(openGenericSource(file), MigrationMapping.defaults());
    expect(report.counts.tickets.imported).toBe(1);
    expect((await world.services.mail.blobs.get(attachmentBlobKey('att_legacy_7')))?.content).toEqual(png);
  });

  it('refuses a document that does not fit, naming the row and field, before anything is written', () => {
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ tickets: [{ id: 1, createdAt: 'last week', colour: 'red' }] }));
    expect(() => openGenericSource(file)).toThrow(GenericFileError);
    try {
      openGenericSource(file);
    } catch (error) {
      expect((error as GenericFileError).issues.join('\n')).toMatch(/tickets\.0\.createdAt: is not a date/);
      expect((error as GenericFileError).issues.join('\n')).toMatch(/colour/);
    }
  });

  it('never reads an attachment outside the document folder', async () => {
    const file = join(dir, 'escape.json');
    writeFileSync(
      file,
      JSON.stringify({
        users: [{ id: 1, email: 'carol@acme.example' }],
        tickets: [
          {
            id: 1,
            requesterId: 1,
            createdAt: '2024-02-01T09:00:00Z',
            comments: [
              {
                id: 1,
                createdAt: '2024-02-01T09:00:00Z',
                attachments: [{ id: 1, filename: 'p', path: '../../etc/passwd' }],
              },
            ],
          },
        ],
      }),
    );
    const world = await testWorld();
    const report = await world.services.migration.run(openGenericSource(file), MigrationMapping.defaults());
    expect(report.counts.tickets.rejected).toBe(1);
    expect(report.rejected[0]?.reason).toMatch(/outside/);
  });
});
