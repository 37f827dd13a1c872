export * from './load-submission';
export * from './path-inside';
