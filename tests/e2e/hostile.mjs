// Hostile scenario files, generated: the release CLI must give each a verdict within
// 10 s, 1 GiB and 1 MB of output (scripts/hostile-files.mjs), and the app the same
// verdict without blocking the page for a second (tests/e2e/play.test.mjs).

const head = `id = "hostile"
title = "Hostile"
summary = "x"
trainee_role = "x"
setting = "x"
minutes = 2
difficulty = "introductory"
start = "b0"
[partner]
name = "Pat"
role = "customer"
`;
const ending = '\n[[ending]]\nid = "end"\ntitle = "End"\noutcome = "steady"\ndebrief = "x"\n';
const beat = (i, next, extra = '') => `[[beat]]\nid = "b${i}"\nlines = [{ text = "Line ${i}." }]\nnext = "${next}"\n${extra}`;
const beats = (n, next) => Array.from({ length: n }, (_, i) => beat(i, next(i))).join('');
const choice = (when) => `[[beat]]\nid = "b0"\nlines = [{ text = "Hi." }]\n[[beat.choice]]\ntext = "Ok."\ngoto = "end"\nwhen = "${when}"\n[[beat.choice]]\ntext = "No."\ngoto = "end"\n`;
const terms = (n, term) => Array.from({ length: n }, (_, i) => term(i)).join(' and ');

/** Each file's name, its content, and what its verdict must mention. */
export const files = {
  'empty.toml': ['', 'the file is empty'],
  'binary.toml': [Buffer.from(Array.from({ length: 16384 }, (_, i) => i % 256)), 'not UTF-8'],
  'invalid-utf8.toml': [Buffer.concat([Buffer.from(head), Buffer.from([0xff, 0xfe, 0x0a])]), 'not UTF-8'],
  '50-megabytes.toml': [head + '# padding\n'.repeat(5_000_000) + ending, 'at most 1048576 (1 MiB)'],
  '100000-beats.toml': [head + beats(100_000, (i) => `b${(i + 1) % 100_000}`) + ending, 'at most 1048576'],
  '10000-beat-loop.toml': [head + beats(10_000, (i) => `b${(i + 1) % 10_000}`) + ending, '10000 beats; a scenario may have at most 300'],
  'loop-at-the-limit.toml': [head + beats(300, (i) => `b${(i + 1) % 300}`) + ending, 'no path leads to an ending'],
  '10000-deep-arrays.toml': [head + 'x = ' + '['.repeat(10_000) + ']'.repeat(10_000) + '\n' + ending, 'recursion'],
  '10000-deep-tables.toml': [head + 'x = ' + '{ a = '.repeat(10_000) + '1' + ' }'.repeat(10_000) + '\n' + ending, 'recursion'],
  '10-megabyte-line.toml': [head + beat(0, 'end').replace('Line 0.', 'y'.repeat(10_000_000)) + ending, 'at most 1048576'],
  'megabyte-line.toml': [head + beat(0, 'end').replace('Line 0.', 'y'.repeat(900_000)) + ending, 'this text has 900000 characters; it may have at most 4000'],
  '10000-term-condition.toml': [head + choice(terms(10_000, (i) => `trust >= ${i % 100}`)) + ending, 'it may have at most 4000'],
  '100-term-condition.toml': [head + choice(terms(100, () => 'trust > 1')) + ending, '100 tests; a condition may have at most 16'],
  '10000-errors.toml': [head + Array.from({ length: 10_000 }, (_, i) => beat(i, `missing${i}`)).join('') + ending, 'at most 300'],
  'extreme-numbers.toml': [head.replace('minutes = 2', 'minutes = 99999999999999999999') + beat(0, 'end') + ending, 'out of range'],
  'condition-at-the-edge.toml': [head + choice('trust < -9223372036854775808') + ending, 'can never hold'],
  'control-characters.toml': [head.replace('title = "Hostile"', 'title = "\\u001b[2J\\u0007\\u202eHostile"').replace('start = "b0"', 'start = "b0\\u001b]0;title\\u0007"') + beat(0, 'end') + ending, '\\u{001b}'],
};

