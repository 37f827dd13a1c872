/** The kernel contract: everything a stack imports from the harness (and a heap, which a kernel's timers need as much as a simulator's events). */
export * from './constants';
export * from './errno';
export * from './kernel';
export * from './min-heap';
export * from './types';
