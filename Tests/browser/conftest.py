"""Browser tests: a real Gridcase server and Debian's headless Chromium, driven by selenium.

The server is started by scripts/test (or by hand) and named by GRIDCASE_URL.
"""
import os
import pathlib

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service

ARTIFACTS = pathlib.Path(os.environ.get("GRIDCASE_ARTIFACTS", "test-artifacts"))


@pytest.fixture(scope="session")
def base_url():
    return os.environ.get("GRIDCASE_URL", "http://127.0.0.1:8080").rstrip("/")


def make_driver(width=1280, height=900, phone=False):
    options = Options()
    options.binary_location = "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", f"--window-size={width},{height}",
                     "--lang=sv-SE"):
        options.add_argument(argument)
    if phone:
        # Headless windows are at least 500 px wide: emulate the phone's viewport instead.
        options.add_experimental_option("mobileEmulation", {
            "deviceMetrics": {"width": width, "height": height, "pixelRatio": 2.0, "touch": True}})
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


@pytest.fixture
def browser():
    driver = make_driver()
    yield driver
    driver.quit()


@pytest.fixture
def phone():
    driver = make_driver(360, 780, phone=True)
    yield driver
    driver.quit()


@pytest.fixture(scope="session")
def artifacts():
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
