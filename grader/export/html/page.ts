/**
 * The frame of every HTML page the grader writes: one file that opens anywhere (a laptop, a zip
 * of the class's results, a course server) with nothing to fetch. Its Content-Security-Policy
 * lets the page load nothing but its own inline styles and data: images and run no script, so
 * markup that escaped escaping still could do nothing.
 */
import { escapeMarkup } from '../../../harness/checks/escape-markup';

const POLICY = "default-src 'none'; img-src data:; style-src 'unsafe-inline'";

const STYLE = `
body { font: 15px/1.45 system-ui, sans-serif; margin: 2em auto; max-width: 72em; padding: 0 1em; color: #1b1b1b; }
h1 { font-size: 1.6em; margin-bottom: 0.2em; overflow-wrap: anywhere; }
h2 { margin-top: 2em; border-bottom: 1px solid #ccc; }
h3 { font-size: 1.05em; overflow-wrap: anywhere; }
table { border-collapse: collapse; margin: 1em 0; }
th, td { border: 1px solid #ddd; padding: 0.25em 0.6em; text-align: left; vertical-align: top; }
th { background: #f4f4f4; }
td.number, th.number { text-align: right; font-variant-numeric: tabular-nums; }
pre { background: #f7f7f7; border: 1px solid #e2e2e2; padding: 0.6em; overflow-x: auto; font-size: 13px; line-height: 1.3; }
code { overflow-wrap: anywhere; }
.score { font-size: 2.4em; font-weight: bold; margin: 0.2em 0; }
.audience { background: #fff4d6; border: 1px solid #e8c463; padding: 0.4em 0.8em; }
.note { color: #7a4b00; }
.status { display: inline-block; border-radius: 0.3em; padding: 0 0.4em; font-size: 0.9em; color: #fff; background: #777; }
.status-passed { background: #2e7d32; }
.status-partial { background: #b26a00; }
.status-failed { background: #c62828; }
.status-error, .status-timeout { background: #6a1b9a; }
.failure { border-left: 4px solid #c62828; padding-left: 1em; margin: 1.5em 0; }
ul.evidence { list-style: none; padding-left: 0; }
figure { margin: 1em 0; }
figure img { max-width: 100%; height: auto; border: 1px solid #ddd; }
dl.facts { display: grid; grid-template-columns: max-content auto; gap: 0.2em 1em; }
dl.facts dt { font-weight: bold; }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
.histograms { display: flex; flex-wrap: wrap; gap: 1.5em; }
.histograms figure { margin: 0; }
`;

/** A whole page: `title` is text (escaped here), `body` is HTML already made safe by its maker. */
export function htmlPage(title: string, body: string): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${POLICY}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeMarkup(title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
