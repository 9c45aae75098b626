"""Browser behaviour of the case form that only a real browser shows."""
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC

from pages import INSTALLER, choose_label, click_and_wait_for_page, click_button, fill, select_by_label, sign_in, wait


def create_case(driver, base_url):
    sign_in(driver, base_url, INSTALLER)
    driver.get(base_url + "/cases/new")
    choose_label(driver, "Säkringsändring")
    wait(driver).until(EC.presence_of_element_located((By.XPATH, "//label[normalize-space()='Anläggning med flera mätare']")))
    choose_label(driver, "Anläggning med flera mätare")
    select_by_label(driver, "Nätområde", "Höganäs")
    click_and_wait_for_page(driver, "Skapa anmälan")


def test_leaving_the_edit_view_with_unsaved_changes_warns(browser, base_url):
    driver = browser
    create_case(driver, base_url)
    click_and_wait_for_page(driver, "Redigera")
    fill(driver, "field-facility-city", "Höganäs")
    click_button(driver, "Stäng")
    alert = wait(driver).until(EC.alert_is_present())
    assert "inte är sparade" in alert.text
    alert.dismiss()
    assert driver.find_element(By.ID, "field-facility-city").get_attribute("value") == "Höganäs", "the typed value stays"


def test_the_edit_form_reads_well_on_a_360_px_phone(phone, base_url, artifacts):
    driver = phone
    create_case(driver, base_url)
    click_and_wait_for_page(driver, "Redigera")
    width = driver.execute_script("return document.documentElement.scrollWidth")
    assert width <= 360, f"the page is {width} px wide"
    driver.save_screenshot(str(artifacts / "phone-edit-form.png"))
