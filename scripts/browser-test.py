#!/usr/bin/env python3
"""End-to-end browser test of appendix-web (issue #20), run by `make test` (`make browser-test`).

Starts the server on a free loopback port with the sample templates and data, drives Debian's
Chromium headless through Selenium (the driver at /usr/bin/chromedriver, nothing downloaded):
the gallery, the build form, an upload with a bad value (the problem shown with file, line,
column and value), the fixed upload and its download, the fee flow, the history and the fee
import (a review workbook built by `appendix`, a fee typed into it with openpyxl, uploaded with
the fee table picked → the change log and next year's table downloaded). Every page
is checked with axe (axe-selenium-python): 0 serious or critical findings. Screenshots and the
downloaded workbooks go to docs/web/. The server is stopped with SIGTERM (graceful shutdown)."""
import argparse
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import zipfile

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait
from axe_selenium_python import Axe
import openpyxl

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(binary, port, state):
    log = open(os.path.join(state, "server.log"), "w")
    process = subprocess.Popen([binary, "--port", str(port), "--templates", "Templates", "--data", "SampleData",
                                "--state", state, "--previews", "docs/previews"], cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    for _ in range(300):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1) as response:
                if response.status == 200:
                    return process
        except OSError:
            time.sleep(0.1)
    process.kill()
    sys.exit("browser-test: the server did not answer /healthz")


def browser(downloads):
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1000"]:
        options.add_argument(flag)
    options.add_experimental_option("prefs", {"download.default_directory": downloads, "download.prompt_for_download": False})
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


class Check:
    def __init__(self, driver, out):
        self.driver, self.out, self.failures, self.pages = driver, out, [], []

    def page(self, name):
        """Screenshot and axe for the page now shown."""
        self.driver.save_screenshot(os.path.join(self.out, f"{name}.png"))
        axe = Axe(self.driver)
        axe.inject()
        results = axe.run()
        bad = [v for v in results["violations"] if v.get("impact") in ("serious", "critical")]
        self.pages.append((name, len(results["violations"]), len(bad)))
        for violation in bad:
            self.failures.append(f"{name}: axe {violation['impact']}: {violation['id']}: {violation['help']}")

    def expect(self, condition, message):
        if not condition:
            self.failures.append(message)


def wait_for_file(folder, name, seconds=30):
    path = os.path.join(folder, name)
    for _ in range(seconds * 10):
        if os.path.exists(path) and not os.path.exists(path + ".crdownload"):
            return path
        time.sleep(0.1)
    return None


def build_flow(driver, check, base, downloads, work):
    driver.get(base + "/")
    check.expect("Templates" in driver.title, "gallery title")
    check.page("01-templates")
    driver.find_element(By.CSS_SELECTOR, "a[href='/build/registrar-fees-published']").click()
    check.page("02-build-form")
    good = open(os.path.join(ROOT, "SampleData/registrar-fees-2019-20.csv"), encoding="utf-8").read()
    bad = good.replace("Mondays to Thursdays (before 4pm),£150.00", "Mondays to Thursdays (before 4pm),£15O.00")
    bad_path, good_path = os.path.join(work, "fees-with-a-typo.csv"), os.path.join(work, "registrar-fees-2019-20.csv")
    open(bad_path, "w", encoding="utf-8").write(bad)
    open(good_path, "w", encoding="utf-8").write(good)
    driver.find_element(By.ID, "file-0").send_keys(bad_path)
    driver.find_element(By.CSS_SELECTOR, "main button[type=submit]").click()
    WebDriverWait(driver, 60).until(lambda d: d.find_elements(By.ID, "status"))
    problem = driver.find_element(By.CSS_SELECTOR, "tr.problem").text
    check.expect("fees-with-a-typo.csv 3 charge_2018_19 £15O.00" in problem, f"problem row: {problem!r}")
    check.page("03-build-problems")
    driver.get(base + "/build/registrar-fees-published")
    driver.find_element(By.ID, "file-0").send_keys(good_path)
    driver.find_element(By.CSS_SELECTOR, "main button[type=submit]").click()
    WebDriverWait(driver, 60).until(lambda d: d.find_elements(By.CSS_SELECTOR, "a.download"))
    check.page("04-build-done")
    driver.find_element(By.CSS_SELECTOR, "a.download").click()
    path = wait_for_file(downloads, "registrar-fees-published.xlsx")
    check.expect(path is not None, "the workbook was not downloaded")
    if path:
        workbook = openpyxl.load_workbook(path)
        sheet = workbook["Fees 2019-20"]
        texts = [str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None]
        check.expect("Administration fee for change of date or time" in texts, "downloaded workbook lacks the first fee")
        check.expect(zipfile.ZipFile(path).testzip() is None, "downloaded workbook is corrupt")


def fee_flow(driver, check, base, downloads):
    driver.get(base + "/fees")
    check.page("05-fees-form")
    driver.find_element(By.CSS_SELECTOR, "main button[type=submit]").click()
    WebDriverWait(driver, 60).until(lambda d: d.find_elements(By.CSS_SELECTOR, "a.download"))
    check.expect("fixed at £165.00 (line RF02)" in driver.page_source, "fee reasons missing")
    check.page("06-fees-proposal")
    for link in driver.find_elements(By.CSS_SELECTOR, "a.download"):
        if "fee-changes.xlsx" in link.text:
            link.click()
    check.expect(wait_for_file(downloads, "fee-changes.xlsx") is not None, "fee-changes.xlsx was not downloaded")
    driver.get(base + "/history")
    check.expect(len(driver.find_elements(By.CSS_SELECTOR, "main tbody tr")) == 3, "history should list 3 builds")
    check.page("07-history")


def fee_import_flow(driver, check, base, downloads, work, appendix):
    """Builds the review workbook with the command, types RF02's fee as 170 with openpyxl and
    imports it with the fee table it was built from."""
    review = os.path.join(work, "review.xlsx")
    subprocess.run([appendix, "build", os.path.join(ROOT, "Templates/registrar-fees-review.yaml"), "--data",
                    os.path.join(ROOT, "SampleData"), "--output", review], check=True, capture_output=True)
    workbook = openpyxl.load_workbook(review)
    sheet = workbook["Fees for review"]
    proposed = next(cell.column_letter for cell in sheet[4] if cell.value == "Proposed 2019/20")
    row = next(r for r in range(5, sheet.max_row + 1) if sheet[f"A{r}"].value == "RF02")
    sheet[f"{proposed}{row}"] = 170
    edited = os.path.join(work, "review-edited.xlsx")
    workbook.save(edited)
    driver.get(base + "/fees")
    driver.find_element(By.CSS_SELECTOR, "a[href='/fees/import']").click()
    check.page("08-fee-import-form")
    driver.find_element(By.ID, "file-workbook").send_keys(edited)
    Select(driver.find_element(By.ID, "pick-fees")).select_by_visible_text("registrar-fees-2019-20.csv")
    driver.find_element(By.CSS_SELECTOR, "main button[type=submit]").click()
    WebDriverWait(driver, 60).until(lambda d: d.find_elements(By.ID, "status"))
    changes = [row.text for row in driver.find_elements(By.CSS_SELECTOR, "#change-log tr.change")]
    check.expect(changes == ["RF02 Mondays to Thursdays (before 4pm) £165.00 £170.00 £5.00"], f"change log: {changes!r}")
    check.page("09-fee-import-changes")
    for link in driver.find_elements(By.CSS_SELECTOR, "a.download"):
        if "next-year-fees.csv" in link.text:
            link.click()
    path = wait_for_file(downloads, "next-year-fees.csv")
    check.expect(path is not None, "next-year-fees.csv was not downloaded")
    if path:
        seed = open(os.path.join(ROOT, "SampleData/registrar-fees-2019-20.csv"), encoding="utf-8").read()
        expected = seed.replace("(before 4pm),£150.00,£165.00,", "(before 4pm),£150.00,£170.00,")
        check.expect(open(path, encoding="utf-8").read() == expected, "next-year-fees.csv is not the fee table with RF02 at £170.00")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", default=os.path.join(ROOT, ".build/debug/appendix-web"))
    parser.add_argument("--out", default=os.path.join(ROOT, "docs/web"))
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    work = tempfile.mkdtemp(prefix="appendix-browser-")
    downloads = os.path.join(work, "downloads")
    os.makedirs(downloads)
    port = free_port()
    server = start_server(args.bin, port, work)
    driver = browser(downloads)
    check = Check(driver, args.out)
    try:
        build_flow(driver, check, f"http://127.0.0.1:{port}", downloads, work)
        fee_flow(driver, check, f"http://127.0.0.1:{port}", downloads)
        fee_import_flow(driver, check, f"http://127.0.0.1:{port}", downloads, work, os.path.join(os.path.dirname(args.bin), "appendix"))
    finally:
        driver.quit()
        server.send_signal(signal.SIGTERM)
        status = server.wait(timeout=30)
        check.expect(status == 0, f"server exited with {status} after SIGTERM")
    for name in ["registrar-fees-published.xlsx", "fee-changes.xlsx", "next-year-fees.csv"]:
        if os.path.exists(os.path.join(downloads, name)):
            shutil.copy(os.path.join(downloads, name), os.path.join(args.out, name))
    for name, found, bad in check.pages:
        print(f"browser-test: {name}: axe {found} finding(s), {bad} serious or critical")
    shutil.rmtree(work, ignore_errors=True)
    if check.failures:
        print("\n".join("browser-test: FAILED: " + f for f in check.failures))
        sys.exit(1)
    print(f"browser-test: build, fee and fee import flows passed in Chromium; {len(check.pages)} pages, 0 serious or critical axe findings; screenshots in {os.path.relpath(args.out, ROOT)}/")


if __name__ == "__main__":
    main()
