import fc from 'fast-check';

import { BoundedQueue } from './bounded-queue';

describe(BoundedQueue.name, () => {
  it('evicts the oldest item when full', () => {
    const sut = new BoundedQueue<number>(3);
    expect([1, 2, 3, 4].map((n) => sut.push(n))).toEqual([false, false, false, true]);
    expect(sut.take(10)).toEqual([2, 3, 4]);
  });

  it('puts a failed batch back at the front', () => {
    const sut = new BoundedQueue<number>(4);
    [1, 2, 3].forEach((n) => sut.push(n));
    const batch = sut.take(2);
    sut.push(4);
    expect(sut.unshift(batch)).toBe(0);
    expect(sut.take(10)).toEqual([1, 2, 3, 4]);
  });

  it('behaves like a capped array (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10 }),
        fc.array(
          fc.oneof(
            fc.integer().map((n) => ({ push: n })),
            fc.nat(5).map((n) => ({ take: n })),
          ),
        ),
        (capacity, operations) => {
          const sut = new BoundedQueue<number>(capacity);
          let model: number[] = [];
          for (const operation of operations) {
            if ('push' in operation) {
              const evicted = sut.push(operation.push);
              model.push(operation.push);
              expect(evicted).toBe(model.length > capacity);
              if (model.length > capacity) model = model.slice(1);
            } else {
              expect(sut.take(operation.take)).toEqual(model.slice(0, operation.take));
              model = model.slice(operation.take);
            }
            expect(sut.size).toBe(model.length);
          }
        },
      ),
    );
  });
});
