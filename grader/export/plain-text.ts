/**
 * Text safe to print on a terminal. What a report says comes partly from the stack under test
 * (its error messages, the names of its files), and a terminal obeys more than colours: OSC
 * sequences set the window title, write the clipboard (OSC 52) or make links (OSC 8), `ESC c`
 * resets the terminal, and a lone carriage return lets a line print over the one before it ("all
 * tests passed"). Every escape sequence and control character goes, but the line feed and the tab;
 * a lone carriage return becomes a space.
 */

/* eslint-disable no-control-regex -- control characters are exactly what is matched here. */
/** OSC, DCS, SOS, PM and APC strings: ESC ] … (or ESC P, X, ^, _, or their 8-bit forms) up to BEL or ST (or the line's end: one left open hides no more). */
const CONTROL_STRING = /(?:\u001b[\]PX^_]|[\u0090\u0098\u009d\u009e\u009f])[^\n]*?(?:\u0007|\u001b\\|\u009c|(?=\n)|$)/g;
/** CSI sequences (colours, cursor moves): ESC [ (or its 8-bit form) parameters, intermediates, a final byte. */
const CSI = /(?:\u001b\[|\u009b)[0-?]*[ -/]*[@-~]/g;
/** Any other escape: ESC and the character after it. */
const OTHER_ESCAPE = /\u001b[\s\S]?/g;
/** C0 controls but the tab and the line feed, DEL, and C1 controls (U+009B is a CSI by itself). */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
/* eslint-enable no-control-regex */

export function plainText(text: string): string {
  // A carriage return alone would move back over the line: a space keeps the line one line.
  return text.replace(/\r\n/g, '\n').replace(/\r/g, ' ').replace(CONTROL_STRING, '').replace(CSI, '').replace(OTHER_ESCAPE, '').replace(CONTROL, '');
}
