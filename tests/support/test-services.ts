/**
 * Services over in-memory fakes of every port, with the demo organisation seeded: what handler
 * and use-case tests run against. The clock is controllable and ids are predictable.
 */
import { wireServices } from '../../functions/composition-root.js';
import type { Services } from '../../functions/services.js';
import { DEMO_AGENTS, DEMO_TEAMS } from '../../infra/seed/demo-organisation.js';
import type { Actor } from '../../shared/kernel/actor.js';
import type { Clock } from '../../shared/ports/clock.js';
import type { IdGenerator } from '../../shared/ports/id-generator.js';
import { InMemoryDocumentStore } from '../fakes/in-memory-document-store.js';
import { RecordingBus } from '../fakes/recording-bus.js';

export class ManualClock implements Clock {
  constructor(private current = new Date('2026-11-26T09:00:00.000Z')) {}
  now(): Date {
    return new Date(this.current);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export class CountingIds implements IdGenerator {
  private n = 0;
  next(prefix = ''): string {
    this.n += 1;
    return `${prefix}${String(this.n).padStart(8, '0')}`;
  }
}

export interface TestWorld {
  readonly services: Services;
  readonly store: InMemoryDocumentStore;
  readonly bus: RecordingBus;
  readonly clock: ManualClock;
  actor(email: string): Actor & { kind: 'agent' };
}

export async function testWorld(): Promise<TestWorld> {
  const store = new InMemoryDocumentStore();
  const bus = new RecordingBus();
  const clock = new ManualClock();
  const services = wireServices(
    { store, bus, clock, ids: new CountingIds(), log: () => {} },
    { AUTH_MODE: 'dev', STORE: 'sqlite', QUEUE: 'local' },
  );
  for (const team of DEMO_TEAMS) await services.directory.saveTeam(team);
  for (const agent of DEMO_AGENTS) await services.directory.saveAgent(agent);
  return {
    services,
    store,
    bus,
    clock,
    actor(email) {
      const agent = DEMO_AGENTS.find((a) => a.email === email);
      if (!agent) throw new Error(`no demo agent ${email}`);
      return { kind: 'agent', agentId: agent.id, roles: agent.roles, teamIds: agent.teamIds };
    },
  };
}
