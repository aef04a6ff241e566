/** Problem management's functions (issue 17), spread into THE catalog. */
import {
  acceptProblemFunction,
  addProblemNoteFunction,
  addProblemTaskFunction,
  communicateWorkaroundFunction,
  linkProblemFunction,
  moveProblemFunction,
  transferProblemFunction,
  unlinkProblemFunction,
  updateProblemFunction,
  updateProblemTaskFunction,
} from '../http/problems/problem-commands.functions.js';
import {
  acceptProblemSuggestionFunction,
  dismissProblemSuggestionFunction,
  listProblemSuggestionsFunction,
} from '../http/problems/problem-suggestions.functions.js';
import {
  createProblemFunction,
  getProblemFunction,
  listProblemsFunction,
  problemTimelineFunction,
} from '../http/problems/problems.functions.js';
import type { Services } from '../services.js';
import { problemClusteringTimerFunction } from '../timers/problem-clustering.function.js';
import type { FunctionDefinition } from './function-definition.js';

export const PROBLEM_FUNCTIONS: readonly FunctionDefinition<Services>[] = [
  createProblemFunction,
  listProblemsFunction,
  getProblemFunction,
  problemTimelineFunction,
  acceptProblemFunction,
  transferProblemFunction,
  moveProblemFunction,
  updateProblemFunction,
  linkProblemFunction,
  unlinkProblemFunction,
  addProblemTaskFunction,
  updateProblemTaskFunction,
  addProblemNoteFunction,
  communicateWorkaroundFunction,
  listProblemSuggestionsFunction,
  acceptProblemSuggestionFunction,
  dismissProblemSuggestionFunction,
  problemClusteringTimerFunction,
];
