/**
 * Shell commands in backticks, as packetdrill scripts set Linux up before they start:
 * `` `sysctl -q net.ipv4.tcp_timestamps=0` ``. socklab runs no shell: it takes the one command
 * such scripts need, `sysctl` of `net.*` keys (per network namespace, so setting them in the
 * script's own namespace never touches the host), and refuses anything else with a reason.
 */
import { ScriptSyntaxError, type Position } from './errors';

/** A sysctl a script sets: its key, dotted (`net.ipv4.tcp_sack`), and its value as written. */
export interface ScriptSysctl {
  readonly key: string;
  readonly value: string;
}

const KEY = /^net\.[A-Za-z0-9_.-]+$/;
// A word: a run of plain characters and quoted strings, as a shell splits `key="4096 87380"`.
const WORD = /(?:[^\s"']+|"[^"]*"|'[^']*')+/g;

/** The sysctls of the command `text` (without its backticks), which starts at `at`. */
export function parseShellCommand(text: string, at: Position): ScriptSysctl[] {
  const [program, ...args] = (text.match(WORD) ?? []).map(unquote);
  if (program !== 'sysctl') {
    throw new ScriptSyntaxError(`socklab runs no shell command but \`sysctl\` of net.* settings, not ${JSON.stringify(text.trim())}`, at);
  }
  const settings = args.filter((arg) => !/^-[qwe]+$/.test(arg));
  if (settings.length === 0) throw new ScriptSyntaxError('a sysctl command sets something: `sysctl -q net.ipv4.tcp_sack=0`', at);
  return settings.map((setting) => {
    const [rawKey = '', value] = setting.split(/=(.*)/s);
    const key = rawKey.replace(/\//g, '.');
    if (value === undefined) throw new ScriptSyntaxError(`sysctl ${setting}: a setting is key=value (reading one checks nothing)`, at);
    if (!KEY.test(key)) throw new ScriptSyntaxError(`sysctl ${key}: only net.* settings, which belong to the script's own network namespace`, at);
    return { key, value };
  });
}

function unquote(word: string): string {
  return word.replace(/"([^"]*)"|'([^']*)'/g, (_, double: string | undefined, single: string | undefined) => double ?? single ?? '');
}
