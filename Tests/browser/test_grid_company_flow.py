"""The grid company's side, going on from the manual's sent case: the handler finds it in the inbox, returns
it, the installer fixes and sends again, the handler approves, the installer files the färdiganmälan and the
handler closes the case."""
import datetime

from selenium.webdriver.common.by import By

from pages import INSTALLER, click_and_wait_for_page, click_button, fill, fill_date, sign_in
from test_installer_manual import send_case_as_the_manual_says

HANDLER = "karin.handlaggare@kullabygden-elnat.example"


def switch_user(driver, base_url, email):
    driver.delete_all_cookies()
    sign_in(driver, base_url, email)


def heading(driver):
    return driver.find_element(By.TAG_NAME, "h1").text


def test_handler_returns_approves_and_closes_the_installers_case(browser, base_url, artifacts):
    driver = browser
    case_url = send_case_as_the_manual_says(driver, base_url, artifacts)
    case_number = driver.find_element(By.CSS_SELECTOR, ".case-number").text.split()[1]

    # The handler's start page is the inbox; the sent case is there.
    switch_user(driver, base_url, HANDLER)
    assert heading(driver) == "Inkorg"
    assert "För godkännande" in driver.find_element(By.CSS_SELECTOR, ".count-list").text
    driver.save_screenshot(str(artifacts / "grid-inbox.png"))
    click_and_wait_for_page(driver, case_number)
    click_and_wait_for_page(driver, "Ta ärendet")
    assert driver.find_element(By.ID, "handler-name").text == "Karin Lindqvist"

    # Åter för komplettering, with a reason and the main fuse marked.
    click_and_wait_for_page(driver, "Åter för komplettering")
    fill(driver, "reason", "Huvudsäkringen ska vara 20 A enligt servisens kapacitet.")
    driver.find_element(By.XPATH, "//summary[normalize-space()='Anläggning']").click()
    driver.find_element(By.ID, "fix-facility-mainFuseRequested").click()
    click_and_wait_for_page(driver, "Åter för komplettering")
    assert heading(driver).endswith("Åter för komplettering")

    # The installer sees why, fixes the field and sends again from the form.
    switch_user(driver, base_url, INSTALLER)
    driver.get(case_url)
    assert "Huvudsäkringen ska vara 20 A" in driver.find_element(By.CSS_SELECTOR, ".return-request").text
    assert driver.find_element(By.ID, "handler-name").text == "Karin Lindqvist"
    click_and_wait_for_page(driver, "Redigera")
    assert "Nätbolaget ber dig rätta detta fält." in driver.page_source
    fill(driver, "field-facility-mainFuseRequested", "20")
    click_and_wait_for_page(driver, "Skicka föranmälan")
    assert heading(driver).endswith("För godkännande")

    # The handler approves: the installationsmedgivande.
    today = datetime.date.today()
    switch_user(driver, base_url, HANDLER)
    driver.get(case_url)
    click_and_wait_for_page(driver, "Godkänn")
    assert driver.find_element(By.ID, "confirmedFacilityID").get_attribute("value"), "the case's anläggnings-ID is proposed"
    fill_date(driver, "earliestConnectionDate", (today + datetime.timedelta(days=7)).isoformat())
    fill(driver, "conditions", "Mätarskåp i fasad. Kontakta driftcentralen före inkoppling.")
    click_and_wait_for_page(driver, "Godkänn")
    assert heading(driver).endswith("Godkänd")
    assert "Kontakta driftcentralen" in driver.find_element(By.ID, "decisions").text
    driver.save_screenshot(str(artifacts / "grid-approved-case.png"))

    # The installer files the färdiganmälan.
    switch_user(driver, base_url, INSTALLER)
    driver.get(case_url)
    assert "Godkänd, installationsmedgivande lämnat" in driver.find_element(By.ID, "decisions").text
    click_and_wait_for_page(driver, "Färdiganmälan")
    fill_date(driver, "readyForConnectionDate", today.isoformat())
    driver.find_element(By.ID, "installationChecked").click()
    click_and_wait_for_page(driver, "Färdiganmälan")
    assert heading(driver).endswith("Färdiganmäld")

    # The handler records the connection and the case is closed.
    switch_user(driver, base_url, HANDLER)
    driver.get(case_url)
    click_and_wait_for_page(driver, "Registrera inkoppling och avsluta")
    fill_date(driver, "connectedDate", today.isoformat())
    fill(driver, "fittedMeterNumber", "73001001")
    click_and_wait_for_page(driver, "Registrera inkoppling och avsluta")
    assert heading(driver).endswith("Avslutad")
    assert "Inkopplad och avslutad" in driver.find_element(By.ID, "decisions").text


def test_the_inbox_and_a_decision_form_read_well_on_a_360_px_phone(phone, base_url, artifacts):
    driver = phone
    sign_in(driver, base_url, HANDLER)
    assert heading(driver) == "Inkorg"
    assert driver.execute_script("return document.documentElement.scrollWidth") <= 360, "no sideways scrolling"
    driver.save_screenshot(str(artifacts / "phone-inbox.png"))
    links = driver.find_elements(By.CSS_SELECTOR, "table.case-list a")
    assert links, "the flow test above leaves a case in the inbox"
    click_and_wait_for_page(driver, links[0].text)
    assert "Handläggning" in driver.page_source
    assert driver.execute_script("return document.documentElement.scrollWidth") <= 360
    driver.save_screenshot(str(artifacts / "phone-case-handling.png"))
