#!/usr/bin/env python3
"""
Writes the Markdown summary of one Autobahn TestSuite run (conformance/autobahn.sh calls it).

  summary.py --outdir DIR... --agent NAME --title TITLE --run-facts FILE --harness-rc N

DIR is a report folder the suite wrote (index.json and a JSON file per case); with several (the
parts of a run), their cases are counted together. FILE holds the
facts of the run as 'key<TAB>value' lines (date, commit, JDK, ...), shown in that order. Prints the
summary to standard output. Exit code: 0 when every case is OK or INFORMATIONAL with a clean close,
1 when some case is FAILED, NON-STRICT or UNIMPLEMENTED or closed badly, 2 when the run broke (no
report, or the harness said so with exit code 2).
"""

import argparse
import json
import os
import sys

BEHAVIORS = ["OK", "NON-STRICT", "INFORMATIONAL", "UNIMPLEMENTED", "FAILED"]
GOOD = {"OK", "INFORMATIONAL"}


def case_key(case_id):
    return tuple(int(part) for part in case_id.split("."))


def reason(outdir, result):
    """The suite's own words for a case's outcome, from the case's JSON report."""
    report = os.path.join(outdir, os.path.splitext(result.get("reportfile") or "")[0] + ".json")
    try:
        with open(report) as f:
            detail = json.load(f)
    except (OSError, ValueError):
        return "(no case report)"
    words = [detail.get("result") or ""]
    if detail.get("behavior") not in GOOD:
        words.append("Received %s; OK expects %s." % (brief(detail.get("received")),
                                                      brief((detail.get("expected") or {}).get("OK"))))
    if detail.get("behaviorClose") not in GOOD:
        words.append("Close: %s %s" % (detail.get("resultClose") or "", detail.get("wasNotCleanReason") or ""))
    return " ".join(w.strip() for w in words if w and w.strip()).replace("|", "\\|")


def brief(events, limit=160):
    text = json.dumps(events)
    return "`%s`" % (text if len(text) <= limit else text[:limit] + "...")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--outdir", required=True, nargs="+")
    ap.add_argument("--agent", required=True)
    ap.add_argument("--title", required=True)
    ap.add_argument("--run-facts", required=True)
    ap.add_argument("--harness-rc", type=int, required=True)
    a = ap.parse_args()

    print("# Autobahn TestSuite: %s\n" % a.title)
    print("| run | |\n|---|---|")
    with open(a.run_facts) as f:
        for line in f:
            key, _, value = line.rstrip("\n").partition("\t")
            print("| %s | %s |" % (key, value))
    print()

    results = {}
    folder = {}
    for outdir in a.outdir:
        try:
            with open(os.path.join(outdir, "index.json")) as f:
                part = json.load(f)[a.agent]
        except (OSError, ValueError, KeyError) as e:
            print("**RUN BROKEN**: no usable report in %s (%s)." % (outdir, e))
            return 2
        results.update(part)
        folder.update((case_id, outdir) for case_id in part)

    sections = {}
    totals = dict((b, 0) for b in BEHAVIORS)
    not_ok = []
    for case_id in sorted(results, key=case_key):
        r = results[case_id]
        behavior = r.get("behavior") if r.get("behavior") in BEHAVIORS else "FAILED"
        row = sections.setdefault(case_id.split(".")[0], dict((b, 0) for b in BEHAVIORS))
        row[behavior] += 1
        totals[behavior] += 1
        if r.get("behavior") != "OK" or r.get("behaviorClose") not in GOOD:
            not_ok.append(case_id)

    print("| section | " + " | ".join(BEHAVIORS) + " | total |")
    print("|---|" + "---:|" * (len(BEHAVIORS) + 1))
    for section in sorted(sections, key=int):
        row = sections[section]
        print("| %s | %s | %d |" % (section, " | ".join(str(row[b]) for b in BEHAVIORS), sum(row.values())))
    print("| **all** | %s | **%d** |" % (" | ".join("**%d**" % totals[b] for b in BEHAVIORS), sum(totals.values())))
    print()

    bad_close = [c for c in results if results[c].get("behaviorClose") not in GOOD]
    if not_ok:
        print("Cases not plainly OK (the suite's reason):\n")
        print("| case | behavior | close behavior | close code | reason |\n|---|---|---|---|---|")
        for case_id in not_ok:
            r = results[case_id]
            print("| %s | %s | %s | %s | %s |" % (case_id, r.get("behavior"), r.get("behaviorClose"),
                                                  r.get("remoteCloseCode"), reason(folder[case_id], r)))
        print()

    strict_failures = totals["FAILED"] + totals["NON-STRICT"] + totals["UNIMPLEMENTED"]
    if a.harness_rc == 2:
        verdict, code = "RUN BROKEN (the harness reported missing cases or a crash; see its log)", 2
    elif strict_failures or bad_close or a.harness_rc != 0:
        verdict, code = "FAIL", 1
    else:
        verdict, code = "PASS", 0
    print("**Result: %s**: %d FAILED, %d NON-STRICT, %d UNIMPLEMENTED, %d bad close, %d INFORMATIONAL."
          % (verdict, totals["FAILED"], totals["NON-STRICT"], totals["UNIMPLEMENTED"], len(bad_close),
             totals["INFORMATIONAL"]))
    return code


if __name__ == "__main__":
    sys.exit(main())
