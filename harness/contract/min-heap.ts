/**
 * A binary min-heap: the simulator's event queue and a kernel's timers both need the earliest of
 * many items, and must not look at every item to find it.
 */
export class MinHeap<T> {
  readonly #items: T[] = [];

  /** @param before - whether `a` comes out before `b`; a total order, so that ties never depend on the heap's shape. */
  constructor(private readonly before: (a: T, b: T) => boolean) {}

  get size(): number {
    return this.#items.length;
  }

  push(item: T): void {
    this.#items.push(item);
    this.#siftUp(this.#items.length - 1);
  }

  /** The earliest item, left in the heap. */
  peek(): T | undefined {
    return this.#items[0];
  }

  /** The earliest item, removed. */
  pop(): T | undefined {
    const items = this.#items;
    const top = items[0];
    const last = items.pop();
    if (items.length > 0) {
      items[0] = last!;
      this.#siftDown(0);
    }
    return top;
  }

  #siftUp(index: number): void {
    const items = this.#items;
    const item = items[index]!;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (!this.before(item, items[parent]!)) break;
      items[index] = items[parent]!;
      index = parent;
    }
    items[index] = item;
  }

  #siftDown(index: number): void {
    const items = this.#items;
    const item = items[index]!;
    const n = items.length;
    for (;;) {
      const left = 2 * index + 1;
      if (left >= n) break;
      const right = left + 1;
      const child = right < n && this.before(items[right]!, items[left]!) ? right : left;
      if (!this.before(items[child]!, item)) break;
      items[index] = items[child]!;
      index = child;
    }
    items[index] = item;
  }
}
