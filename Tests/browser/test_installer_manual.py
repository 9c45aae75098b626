"""The installer manual in shared/seed, step by step, in a real browser."""
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC

from pages import (INSTALLER, choose_label, click_and_wait_for_page, click_button, fill, fill_date, select_by_label, sign_in,
                   wait)


def test_manual_flow_from_ny_anmalan_to_for_godkannande(browser, base_url, artifacts):
    driver = browser
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

    # 16. Redigera; fill in the notification.
    click_and_wait_for_page(driver, "Redigera")
    fill(driver, "field-facility-facilityID", "735999000000000013")
    fill(driver, "field-facility-meterNumber", "12345678")
    fill(driver, "field-facility-streetAddress", "Storgatan 1")
    fill(driver, "field-facility-postalCode", "25220")
    fill(driver, "field-facility-city", "Helsingborg")
    fill(driver, "field-facility-mainFuseRequested", "25")
    fill_date(driver, "field-facility-plannedStartDate", "2026-12-01")
    driver.find_element(By.ID, "field-owner-kind-person").click()
    fill(driver, "field-owner-lastName", "Andersson")
    fill(driver, "field-owner-firstName", "Eva")
    fill(driver, "field-owner-streetAddress", "Storgatan 1")
    fill(driver, "field-owner-postalCode", "252 20")
    fill(driver, "field-owner-city", "Helsingborg")
    # 17. The personnummer comes from the customer.
    fill(driver, "field-owner-identityNumber", "19811218-9876")
    fill(driver, "field-owner-phone", "070-123 45 67")
    fill(driver, "field-owner-email", "eva.andersson@example.se")

    # 18. Kopiera från ägare, at the bottom of Betalningsansvarig.
    click_button(driver, "Kopiera från ägare")
    assert driver.find_element(By.ID, "field-billing-lastName").get_attribute("value") == "Andersson"
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
    assert "Storgatan 1" in driver.page_source
    driver.save_screenshot(str(artifacts / "manual-sent-case.png"))
