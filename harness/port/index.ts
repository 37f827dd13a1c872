export * from './kernel-port';
export * from './local-port';
export * from './port-errors';
export * from './describe-call';
