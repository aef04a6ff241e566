/** Test-data builders shared by unit, use-case and API tests. */
export * from './actors.js';
export * from './change-builder.js';
export * from './problem-builder.js';
export * from './ticket-builder.js';
export * from './time-and-ids.js';
