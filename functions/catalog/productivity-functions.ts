/** Agent productivity (issue 18): ticket templates, macros and bulk jobs, spread into THE catalog. */
import { getBulkJobFunction, startBulkJobFunction } from '../http/bulk/bulk.functions.js';
import { applyMacroFunction, previewMacroFunction } from '../http/macros/macro-apply.functions.js';
import {
  createMacroFunction,
  deleteMacroFunction,
  getMacroFunction,
  listMacrosFunction,
  macroPlaceholdersFunction,
  updateMacroFunction,
} from '../http/macros/macros.functions.js';
import {
  createTicketTemplateFunction,
  deleteTicketTemplateFunction,
  listTicketTemplatesFunction,
  updateTicketTemplateFunction,
} from '../http/templates/ticket-templates.functions.js';
import { bulkChunkFunction } from '../queues/bulk-chunk.function.js';
import type { Services } from '../services.js';
import type { FunctionDefinition } from './function-definition.js';

export const PRODUCTIVITY_FUNCTIONS: readonly FunctionDefinition<Services>[] = [
  listTicketTemplatesFunction,
  createTicketTemplateFunction,
  updateTicketTemplateFunction,
  deleteTicketTemplateFunction,
  listMacrosFunction,
  macroPlaceholdersFunction,
  previewMacroFunction,
  createMacroFunction,
  getMacroFunction,
  updateMacroFunction,
  deleteMacroFunction,
  applyMacroFunction,
  startBulkJobFunction,
  getBulkJobFunction,
  bulkChunkFunction,
];
