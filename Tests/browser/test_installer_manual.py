"""The installer manual in shared/seed, step by step, in a real browser."""
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC

from pages import (INSTALLER, choose_label, click_and_wait_for_page, click_button, fill, fill_date, select_by_label, sign_in,
                   wait)


def test_manual_flow_from_ny_anmalan_to_for_godkannande(browser, base_url, artifacts):
    send_case_as_the_manual_says(browser, base_url, artifacts)


def send_case_as_the_manual_says(driver, base_url, artifacts):
    """Steps 1-21 of the manual as the installer; returns the sent case's URL."""
    sign_in(driver, base_url, INSTALLER)

    # 2. Tryck på fliken "Ny anmälan"
    click_and_wait_for_page(driver, "Ny anmälan")
    assert driver.find_element(By.TAG_NAME, "h1").text == "Ny anmälan"

    # 3-6. Välj nätbolag, installationstyp, jobbtyp och nätområde (the choices refresh in place).
    select_by_label(driver, "1. Nätbolag", "Kullabygdens Elnät AB")
    wait(driver).until(EC.presence_of_element_located((By.XPATH, "//option[normalize-space()='Helsingborg']")))
    choose_label(driver, "Servisändring")
    wait(driver).until(EC.presence_of_element_located((By.XPATH, "//label[normalize-space()='Anläggning med en mätare']")))
    choose_label(driver, "Anläggning med en mätare")
    select_by_label(driver, "Nätområde", "Helsingborg")

    # 7. Tryck på "Skapa anmälan"
    click_and_wait_for_page(driver, "Skapa anmälan")
    heading = driver.find_element(By.TAG_NAME, "h1").text
    assert heading == "Servisändring - Anläggning med en mätare, Ej skickat"

    # 8-13. Hämta anl-data by a meter number in the register: Status kod 100, preview, Uppdatera och stäng.
    click_and_wait_for_page(driver, "Hämta anl-data")
    assert "Hämta Installations och anläggningsdata" in driver.page_source
    assert driver.find_element(By.ID, "overwrite-yes").is_selected(), "Ja when the notification is empty"
    fill(driver, "meterNumber", "73001001")
    click_and_wait_for_page(driver, "Hämta data")
    assert driver.find_element(By.ID, "status-code").text == "100"
    assert "slutfördes utan problem" in driver.find_element(By.ID, "status-text").text
    assert "Drottninggatan 14" in driver.find_element(By.CSS_SELECTOR, "table.changes").text
    driver.save_screenshot(str(artifacts / "manual-facility-data-preview.png"))
    click_and_wait_for_page(driver, "Uppdatera och stäng")
    assert "Drottninggatan 14" in driver.page_source
    assert "Lindgren" in driver.page_source
    assert "Anläggningsdata hämtad" in driver.page_source

    # 14. A number that is not in the register: Status kod 201, nothing applied.
    click_and_wait_for_page(driver, "Hämta anl-data")
    assert driver.find_element(By.ID, "overwrite-no").is_selected(), "Nej once the notification has data"
    fill(driver, "meterNumber", "99999999")
    click_and_wait_for_page(driver, "Hämta data")
    assert driver.find_element(By.ID, "status-code").text == "201"
    assert "misslyckades" in driver.find_element(By.ID, "status-text").text
    click_and_wait_for_page(driver, "Avbryt")

    # 16. Redigera; fill in what the register did not have.
    click_and_wait_for_page(driver, "Redigera")
    assert driver.find_element(By.ID, "field-facility-meterNumber").get_attribute("value") == "73001001"
    fill(driver, "field-facility-mainFuseRequested", "25")
    fill_date(driver, "field-facility-plannedStartDate", "2026-12-01")
    # 17. The personnummer comes from the customer.
    fill(driver, "field-owner-identityNumber", "19811218-9876")

    # 18. Kopiera från ägare, at the bottom of Betalningsansvarig.
    click_button(driver, "Kopiera från ägare")
    assert driver.find_element(By.ID, "field-billing-lastName").get_attribute("value") == "Lindgren"
    assert driver.find_element(By.ID, "field-billing-identityNumber").get_attribute("value") == "19811218-9876"
    assert driver.find_element(By.ID, "field-billing-kind-person").is_selected()

    # 19. Önskad mätarplacering (a mandatory field, marked red).
    select_by_label(driver, "Önskad mätarplacering", "Fasadmätarskåp")
    driver.save_screenshot(str(artifacts / "manual-filled-case.png"))

    # 20. Spara.
    click_and_wait_for_page(driver, "Spara")

    # 21. "Ärendet har inte skickats för godkännande. Vill du göra detta nu?" OK.
    question = wait(driver).until(EC.visibility_of_element_located((By.ID, "send-question")))
    assert "Ärendet har inte skickats för godkännande. Vill du göra detta nu?" in question.text
    click_and_wait_for_page(driver, "OK")

    heading = driver.find_element(By.TAG_NAME, "h1").text
    assert heading == "Servisändring - Anläggning med en mätare, För godkännande"
    assert "Drottninggatan 14" in driver.page_source
    driver.save_screenshot(str(artifacts / "manual-sent-case.png"))
    return driver.current_url.split("?")[0]
