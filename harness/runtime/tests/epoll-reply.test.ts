import { KernelCrash } from '../../port';
import { checkedEpollEvents } from '../epoll-reply';

const CALL = 'epollWait(4, 2)';

describe("a kernel's epollWait reply", () => {
  it('is passed on when it is an array of at most maxevents events, each fd once', () => {
    const events = [
      { fd: 3, events: 1 },
      { fd: 5, events: 4 },
    ];
    expect(checkedEpollEvents(events, 2, CALL)).toBe(events);
    expect(checkedEpollEvents([], 2, CALL)).toEqual([]);
  });

  it.each([
    [undefined, 'epollWait(4, 2) returned undefined: epollWait must return an array of events'],
    [{ fd: 3, events: 1 }, 'returned {"fd":3,"events":1}: epollWait must return an array of events'],
    [[{ fd: 3, events: 1 }, { fd: 4, events: 1 }, { fd: 5, events: 1 }, { fd: 6, events: 1 }], '… 4 in all]: 4 events, more than maxevents (2)'],
    [[{ fd: 3, events: 0 }], 'event 0 is {"fd":3,"events":0}: each event is { fd, events }'],
    [[{ fd: 3, events: 1 }, { fd: -1, events: 1 }], 'event 1 is {"fd":-1,"events":1}'],
    [[{ fd: '3', events: 1 }], 'event 0 is {"fd":"3","events":1}'],
    [[null], 'event 0 is null'],
    [
      [
        { fd: 3, events: 1 },
        { fd: 3, events: 4 },
      ],
      'fd 3 is reported twice',
    ],
  ])('fails the call when it is %j, saying why', (reply, message) => {
    expect(() => checkedEpollEvents(reply, 2, CALL)).toThrow(KernelCrash);
    expect(() => checkedEpollEvents(reply, 2, CALL)).toThrow(message);
  });
});
