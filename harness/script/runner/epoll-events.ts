/**
 * epoll_wait's events against the ones its line expects. epoll promises no order, so they are
 * compared as a multiset of (events, data), each expected event checking the data in the bits of
 * the member it names (language/epoll-data.ts); a difference is shown in the script's spelling.
 */
import type { SyscallOut } from '../backend';
import { dataMatches, EPOLL_DATA_BITS, spellData } from '../language/epoll-data';
import type { ExpectedEpollEvent } from '../language/epoll-event';
import { EPOLL_BITS } from '../language/names';
import { describeMask } from './bit-mask';

type ActualEvent = NonNullable<SyscallOut['events']>[number];

/**
 * What differs between the `actual` events and the `expected` ones; undefined when they match.
 * `expected` is never empty: a line that expects no event checks none (language/epoll-event.ts).
 */
export function epollEventsDifference(expected: readonly ExpectedEpollEvent[], actual: readonly ActualEvent[]): string | undefined {
  const matchOf = matchEvents(expected, actual);
  const leftOver = expected.filter((_, i) => !matchOf.includes(i));
  if (leftOver.length === 0 && matchOf.every((match) => match !== undefined)) return undefined;
  // An actual event is written as the expected one it is; the others as those left over, in turn.
  let next = 0;
  const spelled = actual.map(({ data, events }, i) => {
    const match = matchOf[i];
    const spelling = match === undefined ? (leftOver[next++] ?? expected[0]!) : expected[match]!;
    return describeEvent(events, spellData(data, spelling.data));
  });
  const wanted = expected.map(({ data, events }) => describeEvent(events, spellData(data.value, data)));
  return `the events are [${spelled.join(', ')}], expected [${wanted.join(', ')}]`;
}

/**
 * For each actual event, the index of the expected event it is (undefined: none). The widest
 * checks pick first: one on all 64 bits fits only identical events, one on 32 fits any that agree
 * in those, so a first fit never takes an event another expected event needed.
 */
function matchEvents(expected: readonly ExpectedEpollEvent[], actual: readonly ActualEvent[]): (number | undefined)[] {
  const matchOf: (number | undefined)[] = actual.map(() => undefined);
  const widestFirst = expected.map((_, i) => i).sort((x, y) => bits(expected[y]!) - bits(expected[x]!));
  for (const i of widestFirst) {
    const { events, data } = expected[i]!;
    const j = actual.findIndex((event, k) => matchOf[k] === undefined && event.events === events && dataMatches(data, event.data));
    if (j >= 0) matchOf[j] = i;
  }
  return matchOf;
}

function bits(event: ExpectedEpollEvent): number {
  return EPOLL_DATA_BITS[event.data.member];
}

function describeEvent(events: number, data: string): string {
  return `{events=${describeMask(events, EPOLL_BITS)}, ${data}}`;
}
