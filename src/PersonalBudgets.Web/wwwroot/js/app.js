import { initAll } from '/assets/govuk-frontend.min.js'
import { initTimeoutWarning } from '/js/timeout-warning.js'

// govuk-frontend marks radios and checkboxes that reveal questions with aria-expanded, which ARIA does not allow on
// those roles (axe-core: aria-allowed-attr). The reveal itself is enough; aria-controls stays. An observer removes it
// as soon as it is set (before the next task), at start and after every answer.
const dropExpanded = () => document.querySelectorAll('input[type=radio][aria-expanded], input[type=checkbox][aria-expanded]')
  .forEach((input) => input.removeAttribute('aria-expanded'))
new MutationObserver(dropExpanded).observe(document.documentElement, { subtree: true, attributes: true, attributeFilter: ['aria-expanded'] })

initAll()
dropExpanded()
initTimeoutWarning(document.getElementById('timeout-warning'))
