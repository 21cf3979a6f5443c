# The FHIR export validated against the official FHIR R4 JSON schema.
SCRIPT_TESTS += tests/fhir/export.sh
EXTRA_DIST += tests/fhir/export.sh tests/fhir/validate.js tests/fhir/package.json
