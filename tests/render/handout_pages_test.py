#!/usr/bin/env python3
"""The printed handout's length (issue 17): each example profile's handout, and each scenario's with
7 exercises, printed to PDF by headless Chromium, fits on at most 3 A4 pages with up to 7 exercises
and 4 with 8. Pages are counted as /Type /Page objects (not /Pages). Skipped (77) without chromium.
  handout_pages_test.py REHAB SOURCE_DIR WORK_DIR    (REHAB_HANDOUT_PAGES_ALL=1: every scenario)"""
import json
import os
import re
import shutil
import subprocess
import sys

HEADER = ["--patient-name", "Alexandra Example-Longname", "--clinician", "Dr Sam Clinician", "--clinic",
          "Riverside Physiotherapy, 01234 567890", "--date", "2026-03-04", "--review-date", "2026-03-18"]


def chromium():
    for name in ("chromium", "chromium-browser"):
        if shutil.which(name):
            return shutil.which(name)
    return None


def pages(pdf):
    with open(pdf, "rb") as f:
        return len(re.findall(rb"/Type\s*/Page(?![A-Za-z])", f.read()))


def profiles(source):
    folder = os.path.join(source, "examples", "profiles")
    for name in sorted(os.listdir(folder)):
        if name.endswith(".json"):
            yield name[:-5], os.path.join(folder, name), True
    every = os.environ.get("REHAB_HANDOUT_PAGES_ALL") == "1"
    for root, _, files in sorted(os.walk(os.path.join(source, "scenarios"))):
        if os.path.basename(root) == "golden":
            continue
        for name in sorted(files):
            if name.endswith(".json"):
                with open(os.path.join(root, name)) as f:
                    doc = json.load(f)
                if isinstance(doc.get("profile"), dict):
                    yield "scenario " + name[:-5], doc["profile"], every


def main():
    rehab, source, work = sys.argv[1], sys.argv[2], sys.argv[3]
    browser = chromium()
    if not browser:
        print("SKIP: chromium is not installed (scripts/install-deps.sh test installs it)")
        return 77
    os.makedirs(work, exist_ok=True)
    failures, checked = [], 0
    for label, profile, always in profiles(source):
        path = profile
        if isinstance(profile, dict):
            path = os.path.join(work, "profile.json")
            with open(path, "w") as f:
                json.dump(profile, f)
        run = subprocess.run([rehab, "-q", "recommend", path, "--format", "json"], capture_output=True, text=True)
        if run.returncode != 0:
            continue  # a scenario of bad data
        n = len(json.loads(run.stdout)["exercises"])
        if not always and n != 7:
            continue
        html, pdf = os.path.join(work, "handout.html"), os.path.join(work, "handout.pdf")
        subprocess.run([rehab, "-q", "recommend", path, "--format", "html", "-o", html] + HEADER, check=True)
        if os.path.exists(pdf):
            os.remove(pdf)
        subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                        "--print-to-pdf=" + pdf, "file://" + os.path.abspath(html)],
                       capture_output=True, timeout=120, check=True)
        got, limit = pages(pdf), 3 if n <= 7 else 4
        checked += 1
        print(f"{label}: {n} exercises, {got} pages (at most {limit})")
        if got == 0 or got > limit:
            failures.append(f"{label}: {n} exercises on {got} pages, at most {limit} expected")
    for f in failures:
        print("FAIL: " + f)
    print(f"{checked} handouts printed, {len(failures)} too long")
    return 1 if failures or checked == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
