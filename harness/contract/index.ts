/** The kernel contract: everything a stack imports from the harness. */
export * from './constants';
export * from './errno';
export * from './kernel';
export * from './types';
