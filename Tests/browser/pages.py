"""Small helpers that act like a person: sign in, click what a label says, wait for the next page."""
from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

DEMO_PASSWORD = "gridcase-demo"
INSTALLER = "anna.installator@oresunds-el.example"


def wait(driver, seconds=10):
    return WebDriverWait(driver, seconds)


def sign_in(driver, base_url, email, password=DEMO_PASSWORD):
    driver.get(base_url + "/login")
    driver.find_element(By.ID, "email").send_keys(email)
    driver.find_element(By.ID, "password").send_keys(password)
    click_button(driver, "Logga in")
    wait(driver).until(EC.presence_of_element_located((By.CSS_SELECTOR, ".user-name")))


def click_button(driver, text):
    """Clicks the button or link with this text, finding it again if the page was still settling."""
    for attempt in range(3):
        try:
            button = driver.find_element(By.XPATH, f"//button[normalize-space()='{text}'] | //a[normalize-space()='{text}']")
            button.click()
            return button
        except (StaleElementReferenceException, WebDriverException) as error:
            if attempt == 2 or not _is_settling(error):
                raise
            wait_until_loaded(driver)


def _is_settling(error):
    return isinstance(error, StaleElementReferenceException) or "does not belong to the document" in str(error)


def wait_until_loaded(driver):
    wait(driver).until(lambda d: d.execute_script("return document.readyState") == "complete")


def click_and_wait_for_page(driver, text):
    wait_until_loaded(driver)
    old = driver.find_element(By.TAG_NAME, "html")
    click_button(driver, text)
    wait(driver).until(lambda _: _is_gone(old))
    wait_until_loaded(driver)


def _is_gone(element):
    """True once the element's document has been replaced (Chromium words this in two ways)."""
    try:
        element.is_enabled()
        return False
    except (StaleElementReferenceException, WebDriverException) as error:
        if _is_settling(error):
            return True
        raise


def choose_label(driver, label_text):
    """Clicks the radio button or checkbox whose label says `label_text`."""
    label = driver.find_element(By.XPATH, f"//label[normalize-space()='{label_text}']")
    driver.find_element(By.ID, label.get_attribute("for")).click()


def select_by_label(driver, label_text, option_text):
    label = driver.find_element(By.XPATH, f"//label[normalize-space()='{label_text}' or starts-with(normalize-space(), '{label_text} ')]")
    Select(driver.find_element(By.ID, label.get_attribute("for"))).select_by_visible_text(option_text)


def fill(driver, field_id, value):
    element = driver.find_element(By.ID, field_id)
    element.clear()
    element.send_keys(value)


def fill_date(driver, field_id, iso_date):
    """Date inputs type in the browser's locale; set the ISO value as a date picker would."""
    element = driver.find_element(By.ID, field_id)
    driver.execute_script(
        "arguments[0].value = arguments[1];"
        "arguments[0].dispatchEvent(new Event('input', {bubbles: true}));"
        "arguments[0].dispatchEvent(new Event('change', {bubbles: true}));", element, iso_date)
