"""Read a JUnit XML file with junitparser (the library CI tools such as
publish-unit-test-result-action build on) and print what it understood, as JSON."""
import json
import sys

from junitparser import JUnitXml

xml = JUnitXml.fromfile(sys.argv[1])
suites = []
for suite in xml:
    cases = []
    for case in suite:
        cases.append({
            "classname": case.classname,
            "name": case.name,
            "time": case.time,
            "results": [{"kind": type(r).__name__, "message": r.message, "text": r.text} for r in case.result],
        })
    suites.append({
        "name": suite.name,
        "tests": suite.tests,
        "failures": suite.failures,
        "errors": suite.errors,
        "skipped": suite.skipped,
        "properties": {p.name: p.value for p in suite.properties()},
        "cases": cases,
    })
print(json.dumps({"tests": xml.tests, "failures": xml.failures, "errors": xml.errors, "skipped": xml.skipped, "suites": suites}))
