/**
 * Runs a parsed script on a backend, line by line, with packetdrill's strictness:
 *
 * - an inbound line (`<`) injects its packet at its time;
 * - an outbound line (`>`) takes the next packet the stack sent, which must match field by field
 *   and arrive in the line's window (its time ± the tolerance, or its `~` range exactly);
 * - a syscall line starts its call at its time; its result is checked when it returns — at once
 *   for most calls; a blocking call lets the script go on and is checked when it returns
 *   (`start...end`: it must return at `end` ± the tolerance). A script makes one call at a time;
 * - a packet the stack sends that no outbound line takes is unexpected: the script fails;
 * - after the last line, a quiet period (`--quiet_usecs`, 10 ms by default) must pass without a
 *   packet, and a call still blocked then fails.
 *
 * The first failure stops the run. Nothing here depends on the backend.
 */
import { Rng } from '../../sim/rng';
import { decodePacket, formatPacket } from '../../wire';
import type { PacketEvent, Script, ScriptEvent, SourceLine, SyscallEvent } from '../language/ast';
import type { Backend, BackendEvidence, BackendFactory, Outbound, SyscallResult } from '../backend';
import { StepFailure, type Failure } from './failure';
import { Flow } from './flow';
import { buildInbound } from './packet-build';
import { matchOutbound } from './packet-match';
import { renderPacket } from './render';
import { checkSyscall, describeAssertion, describeExpected, describeResult } from './syscall-check';
import { arrivalWindow, baseTime, formatSeconds, movedBy, returnWindow, startTime, type Anchor, type Leeway, type Window } from './timing';

/** How far past its window the runner looks for a late packet, to say how late it was. */
const LATE_LOOKOUT_US = 1_000_000;
/** How often a blocked call due to return is looked at while the next call waits for it. */
const AWAIT_RETURN_STEP_US = 1_000;

/** How a run ended. */
export interface ScriptRun {
  /** Undefined when the script passed. */
  readonly failure: Failure | undefined;
  readonly evidence: BackendEvidence;
  /** The backend's name. */
  readonly backend: string;
  /** The harness's ISN in this run. */
  readonly peerIsn: number;
  /** What the stack's kernel counted as dropped, read when the script failed (none where the backend cannot tell). */
  readonly dropped: readonly string[];
  /**
   * The injection the harness made latest, when one was later than the script's leeway allows (on
   * Linux's wall clock, a busy machine can hold the harness back): a stack may have acted on the
   * delay, so a failure then says as much about the machine as about the stack.
   */
  readonly harnessLate?: { readonly line: number; readonly lateUs: number };
}

/** Run `script` on a backend built by `backend`, with every random choice drawn from `seed`. */
export async function runScript(script: Script, options: { readonly seed: number; readonly backend: BackendFactory }): Promise<ScriptRun> {
  const o = script.options;
  const backend = await options.backend({ seed: options.seed, localAddress: o.localAddress, remoteAddress: o.remoteAddress, mtu: o.mtu, sysctls: o.sysctls });
  const peerIsn = o.peerIsn ?? new Rng(options.seed).fork('script:peer-isn').int(0, 0xffffffff);
  try {
    const runner = new Runner(script, backend, new Flow(o, peerIsn));
    const failure = await runner.run();
    // Read before close(), which ends the run and its kernel.
    const dropped = failure && backend.dropped ? await backend.dropped() : [];
    const harnessLate = runner.harnessLate;
    return { failure, evidence: backend.evidence(), backend: backend.name, peerIsn, dropped, ...(harnessLate ? { harnessLate } : {}) };
  } finally {
    await backend.close();
  }
}

/** A call that has started and is checked when it returns. */
interface Pending {
  readonly event: SyscallEvent;
  /** Known once the call has started. */
  returnWindow?: Window;
  outcome?: { readonly timeUs: number; readonly result?: SyscallResult; readonly error?: Error };
  /** The last packet injected while it was blocked: when it went in, and how late. */
  injected?: { readonly timeUs: number; readonly lateUs: number };
}

class Runner {
  /** The last line that happened: what the next relative time counts from. */
  private previous: Anchor | undefined;
  /** Its source: what a packet the stack sends after it answers, when no line expects that packet. */
  private previousLine: SourceLine | undefined;
  private current: SourceLine | undefined;
  private pending: Pending | undefined;
  /** See {@link ScriptRun.harnessLate}. */
  harnessLate: ScriptRun['harnessLate'];

  constructor(
    private readonly script: Script,
    private readonly backend: Backend,
    private readonly flow: Flow,
  ) {}

  async run(): Promise<Failure | undefined> {
    try {
      for (const event of this.script.events) await this.step(event);
      this.current = undefined;
      await this.finish();
      return undefined;
    } catch (error) {
      const detail = error instanceof StepFailure ? error.detail : { summary: error instanceof Error ? error.message : String(error) };
      const line = error instanceof StepFailure && error.line ? error.line : this.current;
      return { ...detail, line, timeUs: this.backend.now() };
    }
  }

  private async step(event: ScriptEvent): Promise<void> {
    this.current = event.source;
    this.collect();
    if (event.kind === 'syscall') await this.call(event);
    else if (event.direction === 'in') await this.inject(event);
    else await this.expectPacket(event);
  }

  private async inject(event: PacketEvent): Promise<void> {
    const atUs = startTime(event.timing, baseTime(true, this.previous))!;
    await this.quietUntil(atUs, `nothing before ${formatSeconds(atUs)}, when line ${event.source.line} injects its packet`);
    const packet = buildInbound(event, this.flow);
    this.flow.lastInbound = packet;
    const injectedUs = await this.backend.inject(packet);
    const lateUs = injectedUs - atUs;
    if (this.pending) this.pending.injected = { timeUs: injectedUs, lateUs: Math.max(0, lateUs) };
    const { toleranceUs, clockSlackUs } = this.leeway();
    if (lateUs > toleranceUs + clockSlackUs && lateUs > (this.harnessLate?.lateUs ?? 0)) this.harnessLate = { line: event.source.line, lateUs };
    // A stack that breaks on this packet breaks at this line.
    await this.backend.settle();
    this.happened({ actualUs: injectedUs, inboundScheduledUs: atUs });
  }

  private async expectPacket(event: PacketEvent): Promise<void> {
    const window = arrivalWindow(event.timing, baseTime(false, this.previous), this.leeway());
    const expected = `${event.source.body}   ${window.text}`;
    const arrival = (await this.backend.nextOutbound(window.toUs)) ?? (await this.lookForLate(window));
    if (!arrival) {
      throw new StepFailure({ summary: `the expected packet did not come (waited until ${formatSeconds(window.toUs + LATE_LOOKOUT_US)})`, expected, actual: ['nothing'] });
    }
    const decoded = decodePacket(arrival.packet);
    if (!decoded.ok) throw new StepFailure({ summary: 'the stack sent a malformed packet', expected, actual: this.describe(arrival) });
    this.flow.learn(event, decoded.value);
    const differences = matchOutbound(event, decoded.value, this.flow);
    if (differences.length > 0) throw new StepFailure({ summary: 'wrong packet', expected, actual: this.describe(arrival), differences });
    if (arrival.timeUs < window.fromUs || arrival.timeUs > window.toUs) {
      const early = arrival.timeUs < window.fromUs;
      const offMs = (early ? window.fromUs - arrival.timeUs : arrival.timeUs - window.toUs) / 1000;
      throw new StepFailure({ summary: `timing error: the packet came ${offMs} ms ${early ? 'before' : 'after'} its window`, expected, actual: this.describe(arrival) });
    }
    this.flow.lastOutbound = arrival.packet;
    this.happened({ actualUs: arrival.timeUs });
  }

  /** After a window closed empty: look a little further, so that a late packet is reported as late. */
  private lookForLate(window: Window): Promise<Outbound | undefined> {
    return Number.isFinite(window.toUs) ? this.backend.nextOutbound(window.toUs + LATE_LOOKOUT_US) : Promise.resolve(undefined);
  }

  private async call(event: SyscallEvent): Promise<void> {
    const atUs = startTime(event.timing, baseTime(false, this.previous))!;
    await this.quietUntil(atUs, `nothing before ${formatSeconds(atUs)}, when line ${event.source.line} makes its call`);
    await this.awaitReturnDue(atUs, event);
    this.collect();
    if (this.pending) {
      const blocked = this.pending.event;
      const window = this.pending.returnWindow;
      // A window yet to begin means the script overlaps two calls. Otherwise the call should have
      // returned by now: its line, not this one, is the expectation that broke.
      if (window && window.fromUs > atUs) {
        throw new StepFailure({
          summary: `cannot start: the ${blocked.name} of line ${blocked.source.line} is still blocked (a script makes one call at a time)`,
        });
      }
      const when = `still blocked at ${formatSeconds(this.backend.now())}, when line ${event.source.line} makes its call (a script makes one call at a time)`;
      throw new StepFailure(
        { summary: `${blocked.name} never returned: ${when}`, ...(window ? { expected: `= ${describeExpected(blocked)}   returning ${window.text}` } : {}) },
        blocked.source,
      );
    }
    const pending: Pending = { event };
    this.pending = pending;
    const call = this.backend.syscall(event.request);
    call.returned.then(
      ({ result, timeUs }) => (pending.outcome = { timeUs, result }),
      (error: unknown) => (pending.outcome = { timeUs: this.backend.now(), error: error instanceof Error ? error : new Error(String(error)) }),
    );
    await this.backend.settle();
    const startedUs = await call.started;
    pending.returnWindow = returnWindow(event.timing, startedUs, this.leeway());
    // The line is over when the call returned, or, if it blocks, when it started.
    this.happened({ actualUs: pending.outcome?.timeUs ?? startedUs });
    this.collect();
  }

  /**
   * A blocked call whose window to return has begun by `atUs`, when `next` is to start, may return
   * any moment, a little late on a wall clock: wait for it, to the end of its window at most, as
   * packetdrill waits for its blocked call to return before the next. (A call whose window has not
   * begun is one the script overlaps with the next: that is the script's error, reported at once.)
   */
  private async awaitReturnDue(atUs: number, next: SyscallEvent): Promise<void> {
    const window = this.pending?.returnWindow;
    if (!window || window.fromUs > atUs) return;
    while (this.pending && !this.pending.outcome && this.backend.now() < window.toUs) {
      const untilUs = Math.min(window.toUs, this.backend.now() + AWAIT_RETURN_STEP_US);
      await this.quietUntil(untilUs, `nothing before line ${next.source.line}'s call, while the ${this.pending.event.name} of line ${this.pending.event.source.line} is due to return`);
    }
  }

  /** The current line has happened: the next relative times count from `anchor`. */
  private happened(anchor: Anchor): void {
    this.previous = anchor;
    this.previousLine = this.current;
  }

  /** Check the pending call if it has returned. */
  private collect(): void {
    const pending = this.pending;
    if (!pending?.outcome) return;
    this.pending = undefined;
    const { event } = pending;
    const { timeUs, result, error } = pending.outcome;
    // A call that returned the moment an injected packet went in was woken by it.
    const wokenBy = pending.injected?.timeUs === timeUs ? pending.injected : undefined;
    const window = pending.returnWindow && wokenBy?.lateUs ? movedBy(pending.returnWindow, wokenBy.lateUs) : pending.returnWindow;
    if (error || !result) throw new StepFailure({ summary: error?.message ?? 'the call failed' }, event.source);
    const expected = `= ${describeExpected(event)}${window ? `   returning ${window.text}` : ''}`;
    const actual = [`= ${describeResult(result)}   returned at ${formatSeconds(timeUs)}`];
    const differences = checkSyscall(event, result);
    if (differences.length > 0 && event.out.tcpi && result.ok) {
      const { expected: asserted, read } = describeAssertion(event.out.tcpi, result.out?.tcpi);
      throw new StepFailure({ summary: 'the assertion does not hold', expected: asserted, actual: [`${read}   at ${formatSeconds(timeUs)}`], differences }, event.source);
    }
    if (differences.length > 0) throw new StepFailure({ summary: `${event.name} did not return what the script expects`, expected, actual, differences }, event.source);
    if (window && (timeUs < window.fromUs || timeUs > window.toUs)) {
      throw new StepFailure({ summary: `timing error: ${event.name} returned outside its window`, expected, actual }, event.source);
    }
    if (result.ok && event.request.name === 'bind') this.flow.bound(event.request.addr.port);
  }

  /** After the last line: a call still blocked must return, and the quiet period must stay quiet. */
  private async finish(): Promise<void> {
    const { quietUs } = this.script.options;
    this.collect();
    const blocked = this.pending;
    if (blocked) {
      await this.quietUntil(blocked.returnWindow?.toUs ?? this.lastTime() + quietUs, 'nothing more');
      this.collect();
      if (this.pending) {
        throw new StepFailure(
          { summary: `${blocked.event.name} never returned: still blocked at ${formatSeconds(this.backend.now())}`, expected: blocked.returnWindow?.text ?? 'a return before the script ends' },
          blocked.event.source,
        );
      }
    }
    const quietEnd = this.lastTime() + quietUs;
    await this.quietUntil(quietEnd, `nothing more: the script has ended (quiet period until ${formatSeconds(quietEnd)})`);
  }

  /** Now, or the last line's time if that is later (a packet taken early in its window). */
  private lastTime(): number {
    return Math.max(this.backend.now(), this.previous?.actualUs ?? 0);
  }

  private leeway(): Leeway {
    return { toleranceUs: this.script.options.toleranceUs, clockSlackUs: this.backend.clockSlackUs };
  }

  /**
   * Let time reach `untilUs`; a packet from the stack before then is one no line expects. It is
   * blamed on the last line that happened, which it answers (the line to come only noticed it).
   */
  private async quietUntil(untilUs: number, expected: string): Promise<void> {
    const arrival = await this.backend.nextOutbound(untilUs);
    if (!arrival) return;
    const detail = { expected, actual: this.describe(arrival) };
    if (!this.previous || !this.previousLine) throw new StepFailure({ summary: 'unexpected packet', ...detail });
    const afterMs = (arrival.timeUs - this.previous.actualUs) / 1000;
    const summary = afterMs <= 0 ? 'unexpected packet: the stack answered this line with a packet no line expects' : `unexpected packet: the stack sent it ${afterMs} ms after this line, and no line expects it`;
    throw new StepFailure({ summary, ...detail }, this.previousLine);
  }

  /** A packet from the stack in script syntax, then as tcpdump would print it. */
  private describe(arrival: Outbound): string[] {
    const decoded = decodePacket(arrival.packet);
    const tcpdump = formatPacket(arrival.packet, { isn: this.flow.isnMap() });
    if (!decoded.ok) return [`${tcpdump}   at ${formatSeconds(arrival.timeUs)}`];
    return [`${renderPacket(decoded.value, this.flow)}   at ${formatSeconds(arrival.timeUs)}`, tcpdump];
  }
}
