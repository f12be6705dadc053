import { initAll } from '/assets/govuk-frontend.min.js'
import { initTimeoutWarning } from '/js/timeout-warning.js'

initAll()
initTimeoutWarning(document.getElementById('timeout-warning'))
