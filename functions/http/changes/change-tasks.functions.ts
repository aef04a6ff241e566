/**
 * A change's implementation tasks (issue 16): add one, edit or move one. Each answers with the
 * change (its `implementationTasks` in order) and its ETag, and takes If-Match like every command.
 */
import { ZAddChangeTask, ZUpdateChangeTask } from '../../../shared/api/change-schedule.schemas.js';
import { toChangeDto } from '../../../shared/changes/change-use-cases.js';
import type { FunctionDefinition } from '../../catalog/function-definition.js';
import type { Services } from '../../services.js';
import { ALL_ROLES, OWNING_ROLES } from '../kit/auth.js';
import { authed } from '../kit/endpoint.js';
import { problem } from '../kit/problem.js';
import { ifMatchOf, readId, readJson } from '../kit/request.js';
import { fromResult, json } from '../kit/respond.js';
import { changeCommand } from './change-commands.functions.js';

export const addChangeTaskFunction: FunctionDefinition<Services> = {
  name: 'changes-task-add',
  trigger: { type: 'http', route: 'changes/{id}/tasks', methods: ['POST'] },
  handler: changeCommand(OWNING_ROLES, ZAddChangeTask, (s, id, input, actor, o) =>
    s.changes.addTask(id, input, actor, o),
  ),
};

export const updateChangeTaskFunction: FunctionDefinition<Services> = {
  name: 'changes-task-update',
  trigger: { type: 'http', route: 'changes/{id}/tasks/{taskId}', methods: ['PATCH'] },
  handler: (s) =>
    // An expert may be a task's assignee and move it; the aggregate decides who edits what.
    authed(s, ALL_ROLES, async (request, principal) => {
      const id = readId(request);
      if (!id.ok) return id.response;
      const taskId = readId(request, 'taskId');
      if (!taskId.ok) return taskId.response;
      const input = await readJson(request, ZUpdateChangeTask);
      if (!input.ok) return input.response;
      const changeId = await s.changes.resolveId(id.value);
      if (!changeId) return problem('CHANGE.NOT_FOUND', `No change ${id.value}`);
      const ifMatch = ifMatchOf(request);
      const result = await s.changes.updateTask(
        changeId,
        taskId.value,
        input.value,
        principal.actor,
        ifMatch ? { ifMatch } : {},
      );
      return fromResult(result, ({ change, etag }) => json(200, toChangeDto(change), etag));
    }),
};
