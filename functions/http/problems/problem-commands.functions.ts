/**
 * The problem commands (issue 17): accept, transfer, move along the table, edit fields, link and
 * unlink incidents and changes, tasks, notes and "communicate workaround". Each resolves `{id}`
 * (id or PRB- number), takes If-Match, and answers with the problem and its ETag.
 */
import { z } from 'zod';
import {
  ZAddProblemTask,
  ZMoveProblem,
  ZProblemLinks,
  ZProblemNote,
  ZTransferProblem,
  ZUpdateProblem,
  ZUpdateProblemTask,
} from '../../../shared/api/problems.schemas.js';
import { toProblemDto } from '../../../shared/problems/problem-dto.js';
import type { ProblemOutcome } from '../../../shared/problems/problem-use-cases.js';
import type { FunctionDefinition, HttpHandler } from '../../catalog/function-definition.js';
import type { Services } from '../../services.js';
import { OWNING_ROLES } from '../kit/auth.js';
import { workItemCommand } from '../kit/work-item-command.js';

const ZNoBody = z.strictObject({});

const problemCommand = workItemCommand<ProblemOutcome & { tickets?: unknown }>({
  resolveId: (s, ref) => s.problems.resolveId(ref),
  notFound: 'PROBLEM.NOT_FOUND',
  noun: 'problem',
  respond: ({ problem, etag, tickets }) => ({
    body: tickets ? { problem: toProblemDto(problem), tickets } : toProblemDto(problem),
    etag,
  }),
});

const command = (name: string, path: string, handler: (s: Services) => HttpHandler): FunctionDefinition<Services> => ({
  name: `problems-${name}`,
  trigger: { type: 'http', route: `problems/{id}/${path}`, methods: ['POST'] },
  handler,
});

export const acceptProblemFunction = command(
  'accept',
  'accept',
  problemCommand(OWNING_ROLES, ZNoBody, (s, id, _input, actor, o) => s.problems.accept(id, actor, o)),
);

export const transferProblemFunction = command(
  'transfer',
  'transfer',
  problemCommand(OWNING_ROLES, ZTransferProblem, (s, id, input, actor, o) => s.problems.transfer(id, input, actor, o)),
);

export const moveProblemFunction = command(
  'move',
  'state',
  problemCommand(OWNING_ROLES, ZMoveProblem, (s, id, input, actor, o) => s.problemIncidents.move(id, input, actor, o)),
);

export const updateProblemFunction = command(
  'update',
  'fields',
  problemCommand(OWNING_ROLES, ZUpdateProblem, (s, id, input, actor, o) => s.problems.update(id, input, actor, o)),
);

export const linkProblemFunction = command(
  'link',
  'links',
  problemCommand(OWNING_ROLES, ZProblemLinks, (s, id, input, actor) => s.problems.link(id, input, actor)),
);

export const unlinkProblemFunction = command(
  'unlink',
  'unlink',
  problemCommand(OWNING_ROLES, ZProblemLinks, (s, id, input, actor) => s.problems.unlink(id, input, actor)),
);

export const addProblemTaskFunction = command(
  'task-add',
  'tasks',
  problemCommand(OWNING_ROLES, ZAddProblemTask, (s, id, input, actor, o) => s.problems.addTask(id, input, actor, o)),
);

/** The assignee of a task may be an expert: any agent role reaches the domain, which decides. */
export const updateProblemTaskFunction = command(
  'task-update',
  'tasks/{taskId}',
  problemCommand(['agent', 'expert', 'lead', 'admin'], ZUpdateProblemTask, (s, id, input, actor, o, params) =>
    s.problems.updateTask(id, params['taskId'] ?? '', input, actor, o),
  ),
);

export const addProblemNoteFunction = command(
  'note',
  'notes',
  problemCommand(OWNING_ROLES, ZProblemNote, (s, id, input, actor) => s.problems.addNote(id, input, actor)),
);

export const communicateWorkaroundFunction = command(
  'workaround',
  'communicate-workaround',
  problemCommand(OWNING_ROLES, ZNoBody, (s, id, _input, actor) => s.problemIncidents.communicateWorkaround(id, actor)),
);
