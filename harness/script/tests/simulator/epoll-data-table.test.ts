import { EpollDataTable } from '../../simulator/epoll-data-table';

describe('the data of epoll registrations on the simulator', () => {
  it('is what the last add or mod gave, for each epoll fd apart', () => {
    const table = new EpollDataTable();
    table.registered(4, 'add', 3, 0x10n);
    table.registered(5, 'add', 3, 0x20n);
    expect(table.dataOf(4, 3)).toBe(0x10n);
    table.registered(4, 'mod', 3, 0xffffffffffffffffn);
    expect(table.dataOf(4, 3)).toBe(0xffffffffffffffffn);
    expect(table.dataOf(5, 3)).toBe(0x20n);
  });

  it('is forgotten at del and when the fd or the epoll fd closes: the fd then shows as its number', () => {
    const table = new EpollDataTable();
    table.registered(4, 'add', 3, 0x10n);
    table.registered(4, 'add', 6, 0x60n);
    table.registered(5, 'add', 3, 0x20n);
    table.registered(4, 'del', 6, 0n);
    expect(table.dataOf(4, 6)).toBe(6n);
    table.closed(3);
    expect([table.dataOf(4, 3), table.dataOf(5, 3)]).toEqual([3n, 3n]);
    table.registered(4, 'add', 7, 0x70n);
    table.registered(5, 'add', 7, 0x71n);
    table.closed(4);
    expect([table.dataOf(4, 7), table.dataOf(5, 7)]).toEqual([7n, 0x71n]);
  });
});
