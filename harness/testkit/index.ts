export * from './net-test';
export * from '../checks/expect-packet';
