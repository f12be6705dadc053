import { initAll } from '/assets/govuk-frontend.min.js'
import { initTimeoutWarning } from '/js/timeout-warning.js'

initAll()
initTimeoutWarning(document.getElementById('timeout-warning'))

// govuk-frontend marks radios and checkboxes that reveal questions with aria-expanded, which ARIA does not allow on
// those roles (axe-core: aria-allowed-attr). The reveal itself is enough; aria-controls stays.
const dropExpanded = () => document.querySelectorAll('input[type=radio][aria-expanded], input[type=checkbox][aria-expanded]')
  .forEach((input) => input.removeAttribute('aria-expanded'))
dropExpanded()
document.addEventListener('change', dropExpanded)
document.addEventListener('click', () => setTimeout(dropExpanded, 0))
