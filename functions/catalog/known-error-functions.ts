/** The known error database's functions (issue 17), spread into THE catalog. */
import {
  applyWorkaroundFunction,
  editKnownErrorFunction,
  knownErrorSuggestionsFunction,
  promoteAssistFunction,
  publishKnownErrorFunction,
  redraftKnownErrorFunction,
  retireKnownErrorFunction,
} from '../http/known-errors/known-error-commands.functions.js';
import {
  createKnownErrorFunction,
  getKnownErrorFunction,
  knownErrorCandidatesFunction,
  knownErrorVersionsFunction,
  listKnownErrorsFunction,
} from '../http/known-errors/known-errors.functions.js';
import type { Services } from '../services.js';
import type { FunctionDefinition } from './function-definition.js';

export const KNOWN_ERROR_FUNCTIONS: readonly FunctionDefinition<Services>[] = [
  createKnownErrorFunction,
  listKnownErrorsFunction,
  knownErrorCandidatesFunction,
  getKnownErrorFunction,
  editKnownErrorFunction,
  knownErrorVersionsFunction,
  publishKnownErrorFunction,
  retireKnownErrorFunction,
  redraftKnownErrorFunction,
  applyWorkaroundFunction,
  knownErrorSuggestionsFunction,
  promoteAssistFunction,
];
