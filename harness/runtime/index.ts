export * from './sys';
export * from './would-block';
