// Reference tool for `npm run bench`: parse a zone file with the npm package dns-zonefile
// (what many Node tools use), the way they do — read it whole and parse.
const { readFileSync } = require('node:fs');
const zonefile = require('dns-zonefile').default;
const text = readFileSync(process.argv[2], 'utf8');
const parsed = zonefile.parse(text);
let n = 0;
for (const v of Object.values(parsed)) if (Array.isArray(v)) n += v.length;
process.stdout.write(`dns-zonefile: ${n} records\n`);
