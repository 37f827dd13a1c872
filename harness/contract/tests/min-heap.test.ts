import fc from 'fast-check';
import { MinHeap } from '../min-heap';
import { checkProperty } from '../../testkit/property';

describe('MinHeap', () => {
  it('gives back any mix of pushes and pops in order, ties in the order the comparison sets', () => {
    checkProperty(
      fc.property(fc.array(fc.oneof(fc.integer({ min: 0, max: 20 }), fc.constant('pop' as const)), { maxLength: 200, size: 'max' }), (operations) => {
        const heap = new MinHeap<{ key: number; order: number }>((a, b) => a.key < b.key || (a.key === b.key && a.order < b.order));
        const model: { key: number; order: number }[] = [];
        operations.forEach((operation, order) => {
          if (operation === 'pop') {
            model.sort((a, b) => a.key - b.key || a.order - b.order);
            expect(heap.pop()).toEqual(model.shift());
          } else {
            heap.push({ key: operation, order });
            model.push({ key: operation, order });
          }
          expect(heap.size).toBe(model.length);
        });
      }),
    );
  });

  it('is empty when made, and peeks without removing', () => {
    const heap = new MinHeap<number>((a, b) => a < b);
    expect([heap.peek(), heap.pop(), heap.size]).toEqual([undefined, undefined, 0]);
    heap.push(3);
    heap.push(1);
    expect([heap.peek(), heap.size]).toEqual([1, 2]);
  });
});
