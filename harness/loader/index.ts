export * from './load-submission';
