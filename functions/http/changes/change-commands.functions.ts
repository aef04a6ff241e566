/**
 * The change commands (issue 16): accept, transfer, move along the type's table, schedule, edit
 * the plan, add a note. Each resolves `{id}` (id or CHG- number), takes If-Match, and answers with
 * the change and its ETag; refusals are the domain's codes (CHANGE.NOT_READY names what is missing).
 */
import { z } from 'zod';
import {
  ZChangeNote,
  ZMoveChange,
  ZScheduleChange,
  ZTransferChange,
  ZUpdateChangePlan,
} from '../../../shared/api/changes.schemas.js';
import { type ChangeOutcome, toChangeDto } from '../../../shared/changes/change-use-cases.js';
import type { FunctionDefinition, HttpHandler } from '../../catalog/function-definition.js';
import type { Services } from '../../services.js';
import { OWNING_ROLES } from '../kit/auth.js';
import { workItemCommand } from '../kit/work-item-command.js';

const ZNoBody = z.strictObject({});

export const changeCommand = workItemCommand<ChangeOutcome>({
  resolveId: (s, ref) => s.changes.resolveId(ref),
  notFound: 'CHANGE.NOT_FOUND',
  noun: 'change',
  respond: ({ change, etag }) => ({ body: toChangeDto(change), etag }),
});

const command = (name: string, path: string, handler: (s: Services) => HttpHandler): FunctionDefinition<Services> => ({
  name: `changes-${name}`,
  trigger: { type: 'http', route: `changes/{id}/${path}`, methods: ['POST'] },
  handler,
});

export const acceptChangeFunction = command(
  'accept',
  'accept',
  changeCommand(OWNING_ROLES, ZNoBody, (s, id, _input, actor, o) => s.changes.accept(id, actor, o)),
);

export const transferChangeFunction = command(
  'transfer',
  'transfer',
  changeCommand(OWNING_ROLES, ZTransferChange, (s, id, input, actor, o) => s.changes.transfer(id, input, actor, o)),
);

export const moveChangeFunction = command(
  'move',
  'state',
  changeCommand(OWNING_ROLES, ZMoveChange, (s, id, input, actor, o) => s.changes.move(id, input, actor, o)),
);

export const scheduleChangeFunction = command(
  'schedule',
  'schedule',
  // The conflict check runs first (change-scheduling.ts): 409 with the conflicts, or a change manager's override.
  changeCommand(OWNING_ROLES, ZScheduleChange, (s, id, input, actor, o) =>
    s.changeScheduling.scheduleChange(id, input, actor, o),
  ),
);

export const updateChangePlanFunction = command(
  'plan',
  'plan',
  changeCommand(OWNING_ROLES, ZUpdateChangePlan, (s, id, input, actor, o) => s.changes.updatePlan(id, input, actor, o)),
);

export const addChangeNoteFunction = command(
  'note',
  'notes',
  changeCommand(OWNING_ROLES, ZChangeNote, (s, id, input, actor) => s.changes.addNote(id, input, actor)),
);
