/**
 * The student repository's README: the two commands first, then what is where, how to run part
 * of the tests and the demos, how to read a failure and its pcap, and how the repository is graded.
 */
import { STUDENT_CONFIG } from '../../harness/loader';
import { STACK_DIR } from './repo-files';

/** What the README names. */
export interface ReadmeFacts {
  /** The exported milestones' ids, such as `m1-udp`, in order. */
  readonly milestones: readonly string[];
  /** A public test file of the export, for the examples. */
  readonly exampleTest: string;
  /** A public packet script of the export, for the example of `npm run script`, if there is one. */
  readonly exampleScript?: string;
  /** The Node.js versions the repository runs on, as package.json's `engines.node` says. */
  readonly node: string;
}

/** `README.md` for a student repository. */
export function studentReadme({ milestones, exampleTest, exampleScript, node }: ReadmeFacts): [string, string] {
  const first = exampleTest.split('/')[1] ?? '';
  const short = first.split('-')[0] ?? first;
  const handouts = milestones.map((id) => `| \`assignments/${id}/\` | the handout (\`README.md\`) and the public tests of ${id} |`).join('\n');
  return [
    'README.md',
    `# My socklab stack

\`\`\`sh
npm ci
npm test
\`\`\`

This repository is yours: you write the kernel side of sockets — a user-space TCP/IP stack in
TypeScript — in \`${STACK_DIR}/\`, one milestone at a time, and \`npm test\` runs the public tests
against it. It needs Node.js \`${node}\` and nothing else: no root, no other install.

On the untouched starter every test fails, each with the reason \`not implemented (m1: ...)\`:
that is the list of work ahead, not a broken setup. Each \`TODO(mN)\` stub throws until you write it,
and \`npm test\` ends with the next step: the stubs the failing tests reached, in the handouts' order,
each with its file and line, and the one to write first. Start with
[\`docs/student-guide.md\`](docs/student-guide.md), then the handout of milestone 1.

## What is where

| path | what |
| --- | --- |
| \`${STACK_DIR}/\` | **your stack**: its \`index.ts\` exports \`createKernel(env)\`. The only folder that is graded |
${handouts}
| \`docs/student-guide.md\` | how to work here: the milestone cycle, reading failures, the contract, the rules |
| \`demo/\` | the lecture's temperature service, run on your stack (\`npm run demo\`), read-only |
| \`harness/\` | socklab's test harness, **read-only**: the simulator, packet codecs, failure evidence, and the contract your stack implements (\`harness/contract/kernel.ts\`) |
| \`${STUDENT_CONFIG}\` | names your stack folder: the tests load \`${STACK_DIR}/\` by default |
| \`artifacts/\` | the pcaps of failing tests (not committed) |

## Running the tests

\`\`\`sh
npm test                   # typecheck, then every public test
npm test -- ${short}             # one milestone: the test files whose path contains "${short}" (assignments/${first}/)
npx jest ${exampleTest}   # one file, without the typecheck
npx jest ${short} -t 'checksum'      # the tests whose name matches a regular expression
SOCKLAB_SEED=7 npx jest ${short}       # another seed
${exampleScript === undefined ? '' : `npm run script -- ${exampleScript}   # one packet script, with its report\n`}\`\`\`

\`npm test\` typechecks your code first (\`tsc\`, strict) and stops at a type error; \`npx jest\` runs the
tests without it. Tests that need a TUN device skip, saying why, where \`/dev/net/tun\` cannot be opened.
\`SOCKLAB_SUBMISSION=path/to/folder\` tests another folder than \`${STACK_DIR}/\`.

## Watching it work

\`\`\`sh
npm run demo -- temperature-udp   # the lecture's temperature service on your stack, told syscall by syscall
npm run demo -- --help            # every demo and its options
\`\`\`

Both hosts of a demo run your stack; each handout says which demo works once its milestone is done.

## Reading a failure

A failing network test appends its evidence to the message:

- **expected / actual / differs**: the packet the test wanted (\`*\` = not checked) and the one your
  stack sent, decoded by the harness's own codecs, with each field that differs.
- **seed**, and the command that reruns exactly that test: every random choice comes from the
  seed, so the rerun is identical.
- **virtual time** of the failure, and the **last packets** as a ladder diagram: your stack on
  the left, time going down, \`x\` for a packet a link lost.
- **pcap**: \`artifacts/<test file>/<test name>.pcapng\`, every packet of the test; a packet a link
  dropped is in it once, with a comment saying why. Open it with
  \`wireshark FILE\`, or \`tshark -r FILE -o udp.check_checksum:TRUE\` in a terminal (Wireshark checks
  UDP and TCP checksums only when asked to).

\`not implemented (mN: ...)\` means a stub you have not written yet was reached; \`deadlock: ...\`
means a blocking call waited for a packet or a timer that your stack never produced. The
handouts explain both, with a worked example.

## Grading

The grader takes only \`${STACK_DIR}/\` and runs it with its own copy of the harness and the tests:
the public tests you have, and hidden ones (the same behaviours with other values, edge cases,
and your stack against the reference). Hidden tests show in your report as counts per category.
Do not edit \`harness/\` or the public tests: changes there are not graded, they only make your
own runs disagree with your grade.

GitHub Actions grades every push (\`Autograding Tests\`, \`.github/workflows/classroom.yml\`): with
the public and hidden tests where your instructor has set up the course's grader, otherwise with
the public tests only, one point each, and the first line of its list says so. Its log lists each
test and your points, and GitHub Classroom records them. After a run that failed, \`test\`
(\`.github/workflows/test.yml\`) runs \`npm ci\` and \`npm test\` on the same commit and keeps the
pcaps of the failing tests as its \`pcaps\` artifact. Do not edit the workflows.
`,
  ];
}
