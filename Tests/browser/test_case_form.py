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


def test_script_like_input_shows_as_typed_and_runs_nothing(browser, base_url):
    from selenium.common.exceptions import NoAlertPresentException

    driver = browser
    payload = "<img src=x onerror=alert(1)><script>alert(2)</script>\"><svg onload=alert(3)>"
    create_case(driver, base_url)
    click_and_wait_for_page(driver, "Redigera")
    fill(driver, "field-facility-otherInformation", payload)
    click_and_wait_for_page(driver, "Spara")
    try:
        text = driver.switch_to.alert.text
        raise AssertionError(f"a script ran and opened an alert: {text}")
    except NoAlertPresentException:
        pass
    values = [element.text for element in driver.find_elements(By.CSS_SELECTOR, "dd.field-value")]
    assert payload in values, f"the text shows as typed: {values}"
    assert not driver.find_elements(By.CSS_SELECTOR, "dd.field-value img, dd.field-value svg, dd.field-value script")
