// The GOV.UK timeout warning (docs/adr/0022-keeping-work-when-a-session-ends.md). The server renders a closed <dialog>
// with the seconds left in the session; this opens it a couple of minutes before the end, counts down, and posts
// "Stay signed in" without leaving the page, so nothing typed is lost. Without script nothing happens.
function describe (seconds) {
  const minutes = Math.floor(seconds / 60)
  const rest = seconds % 60
  const parts = []
  if (minutes > 0) parts.push(minutes === 1 ? '1 minute' : `${minutes} minutes`)
  if (rest > 0 || minutes === 0) parts.push(rest === 1 ? '1 second' : `${rest} seconds`)
  return parts.join(' ')
}

export function initTimeoutWarning (dialog) {
  if (!dialog || typeof dialog.showModal !== 'function') return
  const warnSeconds = Number(dialog.dataset.warnSeconds)
  const countdown = dialog.querySelector('.app-timeout-warning__countdown')
  const announce = dialog.querySelector('.app-timeout-warning__announce')
  const running = dialog.querySelector('.app-timeout-warning__running')
  const ended = dialog.querySelector('.app-timeout-warning__ended')
  const heading = dialog.querySelector('#timeout-warning-heading')
  const form = dialog.querySelector('form')
  const close = dialog.querySelector('.app-timeout-warning__close')
  let endsAt = Date.now() + Number(dialog.dataset.secondsLeft) * 1000
  let timer = null
  let lastAnnounced = null

  function secondsLeft () {
    return Math.max(0, Math.round((endsAt - Date.now()) / 1000))
  }

  function signedOut () {
    heading.textContent = heading.dataset.endedText
    running.hidden = true
    ended.hidden = false
    form.hidden = true
    close.hidden = false
    announce.textContent = ended.textContent
    if (!dialog.open) dialog.showModal()
    close.focus()
  }

  function tick () {
    const left = secondsLeft()
    if (left <= 0) {
      clearInterval(timer)
      signedOut()
      return
    }
    if (left > warnSeconds) return
    countdown.textContent = describe(left)
    // Screen readers hear the time now and then, not every second.
    if (lastAnnounced === null || lastAnnounced - left >= 20) {
      announce.textContent = `For your security, we will sign you out in ${describe(left)}.`
      lastAnnounced = left
    }
    if (!dialog.open) {
      dialog.showModal()
      form.querySelector('button').focus()
    }
  }

  function start () {
    lastAnnounced = null
    clearInterval(timer)
    timer = setInterval(tick, 1000)
    tick()
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault()
    try {
      const response = await fetch(form.action, {
        method: 'POST',
        body: new FormData(form),
        headers: { Accept: 'application/json' },
        credentials: 'same-origin',
        redirect: 'manual'
      })
      if (!response.ok) throw new Error('session ended')
      const body = await response.json()
      endsAt = Date.now() + body.secondsLeft * 1000
      dialog.close()
      start()
    } catch {
      endsAt = Date.now()
      tick()
    }
  })
  // Escape closes the dialog: the user chose to carry on, so the session is kept as if they had pressed the button.
  dialog.addEventListener('cancel', (event) => {
    if (secondsLeft() > 0) {
      event.preventDefault()
      form.requestSubmit()
    }
  })
  close.addEventListener('click', () => dialog.close())
  start()
}
