import { brokenConditions, conditionHolds, describeCondition, type TcpiValues } from '../../language/tcpi';
import { parseAssertion } from '../../language/tcpi-parser';

const AT = { line: 1, column: 1 };
const VALUES: TcpiValues = {
  tcpi_state: 1,
  tcpi_ca_state: 3,
  tcpi_rto: 300000,
  tcpi_rtt: 100000,
  tcpi_rttvar: 50000,
  tcpi_snd_mss: 1000,
  tcpi_snd_cwnd: 10,
  tcpi_snd_ssthresh: 5,
  tcpi_total_retrans: 1,
};
const holds = (code: string): boolean => conditionHolds(parseAssertion(code, AT), VALUES);

describe('tcp_info assertions as packetdrill writes them', () => {
  it.each([
    ['assert tcpi_snd_cwnd == 10', true],
    ['assert tcpi_snd_cwnd == 11', false],
    ['assert 10 == tcpi_snd_cwnd', true],
    ['assert tcpi_snd_cwnd == 10, tcpi_snd_cwnd', true],
    ['assert tcpi_snd_cwnd == 11, "cwnd %d" % tcpi_snd_cwnd', false],
    ['assert 8 <= tcpi_snd_cwnd <= 12', true],
    ['assert 8 <= tcpi_snd_cwnd < 10', false],
    ['assert tcpi_ca_state == 1 or tcpi_ca_state == 3', true],
    ['assert tcpi_ca_state == 0 or tcpi_ca_state == 1', false],
    ['assert tcpi_ca_state in (1, 3)', true],
    ['assert tcpi_ca_state in [0, 1,]', false],
    ['assert tcpi_ca_state not in (0, 4)', true],
    ['assert not tcpi_ca_state == 3', false],
    ['assert (tcpi_state == 1 or tcpi_state == 8) and tcpi_snd_ssthresh < tcpi_snd_cwnd', true],
    ['assert tcpi_state == 2 or tcpi_state == 1 and tcpi_rto > 0x10000', true],
    ['assert (tcpi_state == 2 or tcpi_state == 1) and tcpi_rto > 400000', false],
  ])('%s → %s', (code, expected) => {
    expect(holds(code)).toBe(expected);
  });

  it('names each broken part of a conjunction, and any other broken condition whole with the fields it read', () => {
    expect(brokenConditions(parseAssertion('assert tcpi_snd_cwnd == 11 and tcpi_state == 1 and 4 < tcpi_snd_ssthresh < 5', AT), VALUES)).toEqual([
      'tcpi_snd_cwnd is 10, expected == 11',
      'tcpi_snd_ssthresh is 5, expected < 5',
    ]);
    expect(brokenConditions(parseAssertion('assert tcpi_ca_state == 0 or tcpi_ca_state in (1, 4)', AT), VALUES)).toEqual([
      'tcpi_ca_state == 0 or tcpi_ca_state in (1, 4) does not hold: tcpi_ca_state is 3',
    ]);
    expect(brokenConditions(parseAssertion('assert tcpi_snd_cwnd == 10', AT), VALUES)).toEqual([]);
  });

  it('writes a condition back as a script would, with the parentheses its grouping needs', () => {
    expect(describeCondition(parseAssertion('assert (tcpi_state == 1 or tcpi_state == 8) and not tcpi_rto > 5, "msg"', AT))).toBe(
      '(tcpi_state == 1 or tcpi_state == 8) and not (tcpi_rto > 5)',
    );
  });
});
