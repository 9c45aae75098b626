"""Small helpers that act like a person: sign in, click what a label says, wait for the next page."""
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
    button = driver.find_element(By.XPATH, f"//button[normalize-space()='{text}'] | //a[normalize-space()='{text}']")
    button.click()
    return button


def click_and_wait_for_page(driver, text):
    old = driver.find_element(By.TAG_NAME, "html")
    click_button(driver, text)
    wait(driver).until(EC.staleness_of(old))


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
