/** The SLA engine's functions (issue 5), spread into THE catalog. */
import { slaConfigFunctions } from '../http/sla/sla-config.functions.js';
import { slaHolidayFunctions } from '../http/sla/sla-holidays.functions.js';
import { slaPreviewFunction } from '../http/sla/sla-preview.function.js';
import { slaRecomputeFunction } from '../http/sla/sla-recompute.function.js';
import type { Services } from '../services.js';
import { slaEvaluateFunction } from '../timers/sla-evaluate.function.js';
import type { FunctionDefinition } from './function-definition.js';

export const SLA_FUNCTIONS: readonly FunctionDefinition<Services>[] = [
  ...slaConfigFunctions('calendars'),
  ...slaConfigFunctions('policies'),
  ...slaConfigFunctions('olas'),
  slaPreviewFunction,
  ...slaHolidayFunctions,
  slaRecomputeFunction,
  slaEvaluateFunction,
];
